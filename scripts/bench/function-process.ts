import { spawn } from 'node:child_process';
import { loaderPath } from '../build/bundle.ts';
import { functionProcessArgs } from '../build/function-command.ts';

/** One function served by the Functions Framework host (as in a Knative pod), on a port of its own. */
export const startFunctionProcess = async (options: {
  name: string;
  port: number;
  env: Record<string, string>;
  probePath: string;
  signatureType?: 'http' | 'cloudevent';
}) => {
  const child = spawn(
    process.execPath,
    functionProcessArgs({
      target: options.name,
      source: loaderPath(options.name),
      signatureType: options.signatureType ?? 'http',
      port: options.port,
    }),
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited: ${stderr}`);
    const answered = await fetch(`${url}${options.probePath}`).then(
      async (r) => (await r.arrayBuffer(), true),
      () => false,
    );
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    },
  };
};
