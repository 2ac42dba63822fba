import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as wait } from 'node:timers/promises';
import { anthropicReply, geminiReply, openAiReply, type WireAnswer } from './ai-wire-formats.ts';
import { imagesOf, withoutImageData, WirePartError, type WireImage } from './ai-wire-images.ts';

/**
 * A local server that speaks the providers' real wire formats, for tests of the provider adapters
 * through the real SDK (nothing mocked): OpenAI chat completions (`response_format: json_schema`,
 * SSE streaming), Anthropic messages (tool use or output format for structured output, SSE
 * streaming) and Gemini `generateContent` / `streamGenerateContent?alt=sse` (response schema).
 *
 * Every path starts with a label of the test's choosing, so one server plays several providers:
 * `baseURL('a', 'openai')` is `http://127.0.0.1:<port>/a/v1`. Each label answers from its script,
 * one step per request, then from `otherwise` (by default a 500, so an unscripted call shows).
 */
export type WireKind = 'openai' | 'anthropic' | 'google';

export interface WireRequest {
  label: string;
  kind: WireKind;
  model: string;
  stream: boolean;
  /** The request asked for structured output (JSON schema, a forced tool, or a response schema). */
  structured: boolean;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** Every text the request carried (instructions and prompt; image data left out), joined: what a scripted reply may look at. */
  text: string;
  /** The images of its content parts, decoded (each checked against its media type). */
  images: WireImage[];
}

export type WireStep =
  /**
   * A model answer: its text (for a structured request, the JSON text of the object). Streamed in
   * `pieces` (3 by default); with `gate`, the stream pauses after `after` of its events until `open`
   * settles (a test holds a stream half-way to see what arrived before the end).
   */
  | {
      reply: string | ((request: WireRequest) => string);
      inputTokens?: number;
      outputTokens?: number;
      delayMs?: number;
      pieces?: number;
      gate?: { after: number; open: Promise<unknown> };
    }
  /** An HTTP error in the provider's error shape, with a Retry-After header when given. */
  | { status: number; retryAfter?: string; delayMs?: number }
  /** A 200 whose body is not JSON at all. */
  | { garbage: true };

export interface WireServer {
  url: string;
  baseURL: (label: string, kind: WireKind) => string;
  script: (label: string, steps: readonly WireStep[], otherwise?: WireStep) => void;
  requests: (label: string) => WireRequest[];
  /** Answers 401 (the provider's error shape) to a request of `label` without one of `keys`; null accepts any key. */
  acceptKeys: (label: string, keys: readonly string[] | null) => void;
  close: () => Promise<void>;
}

/** The key a request carried, wherever its vendor puts it. */
export const keyOf = (kind: WireKind, headers: IncomingMessage['headers']): string => {
  const value = headers[kind === 'openai' ? 'authorization' : kind === 'anthropic' ? 'x-api-key' : 'x-goog-api-key'];
  return String(value ?? '').replace(/^Bearer /, '');
};

const readJson = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
};

/** Which wire a path speaks, and the model it names (Gemini puts it in the path). */
const route = (path: string): { kind: WireKind; model?: string; stream?: boolean } | null => {
  if (path.endsWith('/chat/completions')) return { kind: 'openai' };
  if (path.endsWith('/messages')) return { kind: 'anthropic' };
  const gemini = /\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
  if (gemini) return { kind: 'google', model: decodeURIComponent(gemini[1]!), stream: gemini[2] === 'streamGenerateContent' };
  return null;
};

const isStructured = (kind: WireKind, body: Record<string, unknown>): boolean => {
  if (kind === 'openai') return (body.response_format as { type?: string } | undefined)?.type === 'json_schema';
  if (kind === 'anthropic')
    return (
      body.output_format !== undefined ||
      (body.output_config as { format?: unknown } | undefined)?.format !== undefined ||
      (body.tool_choice as { type?: string } | undefined)?.type === 'tool' ||
      (body.tool_choice as { type?: string } | undefined)?.type === 'any'
    );
  return (body.generationConfig as { responseMimeType?: string } | undefined)?.responseMimeType === 'application/json';
};

const errorBody = (kind: WireKind, status: number) => {
  if (kind === 'anthropic')
    return { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message: `scripted ${status}` } };
  if (kind === 'google')
    return { error: { code: status, message: `scripted ${status}`, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } };
  return { error: { message: `scripted ${status}`, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } };
};

export const startAiWireServer = async (): Promise<WireServer> => {
  const scripts = new Map<string, { steps: WireStep[]; otherwise: WireStep }>();
  const seen = new Map<string, WireRequest[]>();
  const accepted = new Map<string, readonly string[]>();

  const answer = async (incoming: IncomingMessage, response: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', 'http://localhost');
    const label = url.pathname.split('/')[1] ?? '';
    const wire = route(url.pathname);
    if (incoming.method !== 'POST' || !wire) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such route"}}');
      return;
    }
    const body = await readJson(incoming);
    let images: WireImage[];
    try {
      images = imagesOf(wire.kind, body);
    } catch (error) {
      if (!(error instanceof WirePartError)) throw error;
      const refusal = { error: { type: 'invalid_request_error', message: error.message } };
      const answer400 = wire.kind === 'anthropic' ? { type: 'error', ...refusal } : refusal;
      seen.set(label, [
        ...(seen.get(label) ?? []),
        { label, kind: wire.kind, model: '', stream: false, structured: false, body, headers: incoming.headers, text: '', images: [] },
      ]);
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(answer400));
      return;
    }
    const request: WireRequest = {
      label,
      kind: wire.kind,
      model: wire.model ?? String(body.model),
      stream: wire.stream ?? body.stream === true,
      structured: isStructured(wire.kind, body),
      body,
      headers: incoming.headers,
      text: withoutImageData(body.messages ?? body.contents ?? []) + JSON.stringify(body.system ?? body.systemInstruction ?? ''),
      images,
    };
    seen.set(label, [...(seen.get(label) ?? []), request]);
    const keys = accepted.get(label);
    if (keys && !keys.includes(keyOf(wire.kind, incoming.headers))) {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(errorBody(wire.kind, 401)));
      return;
    }
    const script = scripts.get(label);
    const step = script?.steps.shift() ?? script?.otherwise ?? { status: 500 };
    if ('delayMs' in step && step.delayMs) await wait(step.delayMs);
    if (response.destroyed) return;
    if ('garbage' in step) {
      response.writeHead(200, { 'content-type': 'application/json' }).end('<html>upstream proxy error</html>');
      return;
    }
    if ('status' in step) {
      response
        .writeHead(step.status, {
          'content-type': 'application/json',
          ...(step.retryAfter === undefined ? {} : { 'retry-after': step.retryAfter }),
        })
        .end(JSON.stringify(errorBody(wire.kind, step.status)));
      return;
    }
    const reply: WireAnswer = {
      text: typeof step.reply === 'function' ? step.reply(request) : step.reply,
      inputTokens: step.inputTokens ?? 11,
      outputTokens: step.outputTokens ?? 7,
      pieces: step.pieces ?? 3,
    };
    const render = wire.kind === 'openai' ? openAiReply : wire.kind === 'anthropic' ? anthropicReply : geminiReply;
    const rendered = render(request, reply);
    if (!request.stream) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rendered.json));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const [index, event] of rendered.events.entries()) {
      if (step.gate && index === step.gate.after) await step.gate.open;
      if (response.destroyed) return;
      response.write(
        `${event.event ? `event: ${event.event}\n` : ''}data: ${typeof event.data === 'string' ? event.data : JSON.stringify(event.data)}\n\n`,
      );
    }
    response.end();
  };

  const server = createServer((incoming, response) => {
    answer(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseURL: (label, kind) => `${url}/${label}/${kind === 'google' ? 'v1beta' : 'v1'}`,
    script: (label, steps, otherwise = { status: 500 }) => {
      scripts.set(label, { steps: [...steps], otherwise });
    },
    requests: (label) => seen.get(label) ?? [],
    acceptKeys: (label, keys) => {
      if (keys) accepted.set(label, [...keys]);
      else accepted.delete(label);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
