import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { functionProcessArgs } from '../../build/function-command.ts';
import { fromRoot } from '../../lib/paths.ts';
import type { LocalService } from './manifests.ts';
import { freePort } from '../../lib/free-port.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

export interface Instance {
  port: number;
  child: ChildProcess;
}

export interface InstancePool {
  /** The running instance of a function, started on its first request (as Knative scales from zero). */
  instanceOf: (name: string) => Promise<Instance>;
  stop: () => Promise<void>;
}

/**
 * One Functions Framework process per function, exactly as its Knative Service runs it (the same
 * loader, bundle and code cache under dist/functions, the same flags), started on the function's
 * first request and kept until the fleet stops. Each line it prints is logged with its name.
 */
export const createInstancePool = (options: {
  services: readonly LocalService[];
  env: Record<string, string>;
  log: (line: string) => void;
  startTimeoutMs?: number;
}): InstancePool => {
  const services = new Map(options.services.map((s) => [s.name, s]));
  const instances = new Map<string, Promise<Instance>>();

  const start = async (service: LocalService): Promise<Instance> => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      functionProcessArgs({ target: service.name, source: fromRoot(service.source), signatureType: service.signatureType, port }),
      { cwd: fromRoot(), env: { ...process.env, ...options.env, K_SERVICE: service.name }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const forward = (chunk: Buffer) =>
      chunk
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .forEach((line) => options.log(`[${service.name}] ${line}`));
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.once('exit', (code, signal) => {
      instances.delete(service.name);
      options.log(`[fleet] ${service.name} exited (${signal ?? `code ${code}`})`);
    });
    const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${service.name} exited at start`);
      if (await accepts(port)) return { port, child };
      await sleep(10);
    }
    child.kill('SIGKILL');
    throw new Error(`${service.name} did not listen within ${options.startTimeoutMs ?? 30_000} ms`);
  };

  return {
    instanceOf: (name) => {
      const running = instances.get(name);
      if (running) return running;
      const service = services.get(name);
      if (!service) return Promise.reject(new Error(`no Service named ${name} in knative/base/services`));
      const starting = start(service);
      instances.set(name, starting);
      starting.catch(() => instances.delete(name));
      return starting;
    },
    stop: async () => {
      const all = await Promise.allSettled([...instances.values()]);
      await Promise.all(
        all.map(async (result) => {
          if (result.status !== 'fulfilled') return;
          const { child } = result.value;
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await Promise.race([exited, sleep(5000)]);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }),
      );
    },
  };
};
