import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import {
  BadCommandError,
  messageOf,
  parseCommand,
  parseCommands,
  runCommand,
  runMultiExec,
  runPipeline,
  type Command,
  type CommandResult,
} from './commands.ts';
import { encodeResult, requestedEncoding, type ResultEncoding } from './encode-result.ts';
import { clientShaForLoad, createScriptRewriter } from './script-flags.ts';

export type BridgeHandlerOptions = { redis: Redis; token: string; maxBodyBytes?: number };
type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * The Upstash REST protocol as `@upstash/redis` speaks it: `POST /` with one command,
 * `POST /pipeline` and `POST /multi-exec` with a list; bearer-token auth; results optionally
 * base64-encoded; an `upstash-sync-token` header on every answer.
 */
export function createBridgeHandler({ redis, token, maxBodyBytes = 16 * 1024 * 1024 }: BridgeHandlerOptions): Handler {
  const expectedAuthorization = `Bearer ${token}`;
  const rewriteScript = createScriptRewriter();
  let syncSequence = 0;

  return async (request, response) => {
    response.setHeader('upstash-sync-token', String(++syncSequence));
    const path = new URL(request.url ?? '/', 'http://bridge').pathname.replace(/\/+$/, '') || '/';
    if (request.headers.authorization !== expectedAuthorization) {
      return send(response, 401, { error: 'Unauthorized: missing or wrong bearer token' });
    }
    if (request.method !== 'POST') return send(response, 405, { error: 'ERR the dev bridge accepts POST only' });
    if (path !== '/' && path !== '/pipeline' && path !== '/multi-exec') {
      return send(response, 404, { error: `ERR unknown endpoint ${path}` });
    }
    const encoding = requestedEncoding(request.headers['upstash-encoding']);
    try {
      const body = await readJson(request, maxBodyBytes);
      if (path === '/') {
        const command = parseCommand(body);
        const outcome = answerFor(command, await runCommand(redis, rewriteScript(command)));
        return send(response, 'error' in outcome ? 400 : 200, encode(outcome, encoding));
      }
      const commands = parseCommands(body);
      const sent = commands.map(rewriteScript);
      const outcomes = path === '/pipeline' ? await runPipeline(redis, sent) : await runMultiExec(redis, sent);
      return send(
        response,
        200,
        outcomes.map((outcome, index) => encode(answerFor(commands[index], outcome), encoding)),
      );
    } catch (error) {
      const isClientError = error instanceof BadCommandError || error instanceof SyntaxError;
      // A transaction that Redis refused (EXECABORT) is the caller's fault too.
      const status = isClientError || messageOf(error).startsWith('EXECABORT') ? 400 : 500;
      return send(response, status, { error: messageOf(error) });
    }
  };
}

/** SCRIPT LOAD answers with the sha of the script the caller sent, which it will use in EVALSHA. */
function answerFor(command: Command | undefined, outcome: CommandResult): CommandResult {
  const clientSha = command === undefined || 'error' in outcome ? null : clientShaForLoad(command);
  return clientSha === null ? outcome : { result: clientSha };
}

function encode(outcome: CommandResult, encoding: ResultEncoding): CommandResult {
  return 'error' in outcome ? outcome : { result: encodeResult(outcome.result, encoding) };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BadCommandError(`ERR request body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}
