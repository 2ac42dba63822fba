import type { RouteConfig } from '@hono/zod-openapi';
import type { HttpFunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime, type RuntimeSubject } from '../../../shared/platform/runtime.ts';
import type { Plan } from '../../../shared/workspaces/index.ts';
import { startWorkspaceKit } from '../../../tests/support/workspace-kit.ts';

type App = ReturnType<typeof createHttpApp>;

/**
 * What every rig starts from: a database of its own (the workspace kit), an owner with a token and
 * a workspace, and real function apps on the scenario's env (the dependency behind the proxy),
 * each with its own runtime as an instance has. The apps live for the whole scenario: recovery is
 * shown by the same instances answering again, nothing restarted.
 */
export const startRigBase = async (
  name: string,
  env: Record<string, string>,
  options: { plan?: Plan; services?: readonly string[] } = {},
) => {
  const kit = await startWorkspaceKit(name, { env, ...(options.services ? { services: options.services } : {}) });
  const runtimes: Runtime[] = [];
  const runtimeOf = (definition: Omit<RuntimeSubject, 'name'>, functionName: string, extra: Record<string, string> = {}) => {
    const runtime = createRuntime({ ...definition, name: functionName }, { ...kit.env, ...extra });
    runtimes.push(runtime);
    return runtime;
  };
  const appOf = <R extends RouteConfig>(
    definition: HttpFunctionDefinition<R>,
    functionName: string,
    extra: Record<string, string> = {},
  ): App =>
    createHttpApp(
      definition as unknown as HttpFunctionDefinition,
      runtimeOf(definition as unknown as Omit<RuntimeSubject, 'name'>, functionName, extra),
    );
  const owner = await kit.user('owner');
  const workspace = () => kit.workspace({ owner: [owner] }, { plan: options.plan ?? 'pro' });
  const workspaceId = await workspace();
  const headers = { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json', 'x-forwarded-for': kit.address };
  /** A request to an app as the owner, from the kit's client address. */
  const send = (app: App, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    Promise.resolve(
      app.request(path, {
        method: init.method ?? 'GET',
        headers: { ...headers, ...init.headers },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    );
  const close = async () => {
    await Promise.all(runtimes.map((r) => r.close()));
    await kit.close();
  };
  return { kit, owner, workspaceId, workspace, runtimeOf, appOf, send, close };
};

export const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
