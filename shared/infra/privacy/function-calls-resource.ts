import type { AuthContext, Authenticator } from '../../platform/http/auth-context.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { bucketOf, callKey, createFunctionCallStore, type FunctionCallStore } from '../mongodb/function-call-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';

export interface FunctionCallLog {
  /** Records that `functionName` served `auth` now; best effort, never throws. */
  note: (functionName: string, auth: AuthContext) => Promise<void>;
}

// An instance remembers the calls it recorded in the current bucket, so a busy user costs one
// insert per function and quarter hour, not one per request.
const maxRemembered = 20_000;

export const createFunctionCallLog = (
  store: Pick<FunctionCallStore, 'note'>,
  now: () => Date,
  warn: (error: unknown) => void,
): FunctionCallLog => {
  let bucket = 0;
  let seen = new Set<string>();
  return {
    note: async (functionName, auth) => {
      const at = now();
      const current = bucketOf(at);
      if (current.getTime() !== bucket || seen.size >= maxRemembered) {
        bucket = current.getTime();
        seen = new Set();
      }
      const call = { function: functionName, userId: auth.userId, workspaceId: auth.workspace?.id ?? null };
      const key = callKey(call, current);
      if (seen.has(key)) return;
      try {
        await store.note({ ...call, keyId: auth.via === 'apiKey' ? auth.sessionId : null, firstAt: at });
        seen.add(key);
      } catch (error) {
        warn(error);
      }
    },
  };
};

/** The request log of authenticated calls (`function_calls`), kept for breach assessments. */
export const functionCalls = defineResource({
  name: 'function-calls',
  config: defineConfig({ name: 'function-calls', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use, log }) =>
    createFunctionCallLog(
      createFunctionCallStore(use(mongo).db),
      () => new Date(),
      (error) => log.warn({ err: error }, 'function call not recorded'),
    ),
});

/** The authenticator, recording each call it lets through (the request pipeline of every guarded function). */
export const withCallLog = (inner: Authenticator, calls: FunctionCallLog, functionName: string): Authenticator => ({
  authenticate: async (request) => {
    const auth = await inner.authenticate(request);
    await calls.note(functionName, auth);
    return auth;
  },
});
