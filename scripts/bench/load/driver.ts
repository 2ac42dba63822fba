import { Pool } from 'undici';

/** One measured HTTP call: the route it counts under, its time to the last byte and its status (0: no answer). */
export interface Sample {
  route: string;
  ms: number;
  status: number;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: <T>() => T;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A closed-loop HTTP driver on undici's Pool: one keep-alive connection per concurrent worker, so a
 * worker never waits for a socket another holds, and the time measured is the server's plus the
 * loopback. `call` records a sample under `route` (the function's name); `seed` sends the same
 * request unrecorded (set-up, warm-up). A request that gets no answer within `timeoutMs` is status 0.
 */
export const createDriver = (url: string, options: { connections: number; timeoutMs?: number }) => {
  const pool = new Pool(url, {
    connections: options.connections,
    pipelining: 1,
    headersTimeout: options.timeoutMs ?? 60_000,
    bodyTimeout: options.timeoutMs ?? 60_000,
  });
  const samples: Sample[] = [];
  let sent = 0;
  let recording = true;

  const send = async (path: string, call: CallOptions): Promise<Answer> => {
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers };
    try {
      const response = await pool.request({ path, method: call.method ?? 'GET', headers, body });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
    } catch (error) {
      return { status: 0, headers: {}, text: String(error), json: () => ({}) as never };
    }
  };

  return {
    /** Requests sent under a route so far (the fixed request count is of these). */
    sent: () => sent,
    samples,
    call: async (route: string, path: string, call: CallOptions = {}): Promise<Answer> => {
      if (!recording) return send(path, call);
      sent += 1;
      const started = performance.now();
      const answer = await send(path, call);
      samples.push({ route, ms: performance.now() - started, status: answer.status });
      return answer;
    },
    /** Off during the warm-up: the first request of each function starts its process, another bench's business. */
    record: (on: boolean) => {
      recording = on;
    },
    seed: send,
    close: () => pool.close(),
  };
};

export type Driver = ReturnType<typeof createDriver>;
