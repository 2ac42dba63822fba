import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.d.ts';

export type { components, operations, paths };

/** A problem+json error body, as every endpoint answers its errors. */
export type Problem = components['schemas']['Problem'];

export interface UxFlowClientOptions {
  /** Where the API is, e.g. `https://api.uxflow.app` or `http://localhost:3000` for `npm run dev`. */
  baseUrl: string;
  /** An access token or an API key (`uxf_…`), sent as `Authorization: Bearer …`; a function is read on each request. */
  token?: string | (() => string | undefined);
  /** A fetch of your own (tests, proxies); the global one otherwise. */
  fetch?: typeof globalThis.fetch;
}

/**
 * A client whose paths, parameters, bodies and answers are typed from the API contract: a call
 * the contract does not allow does not compile.
 */
export const createUxFlowClient = (options: UxFlowClientOptions): Client<paths> => {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const auth: Middleware = {
    onRequest: ({ request }) => {
      const token = typeof options.token === 'function' ? options.token() : options.token;
      if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
};
