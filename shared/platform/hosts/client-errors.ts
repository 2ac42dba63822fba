import http from 'node:http';
import type { Duplex } from 'node:stream';
import { problemContentType, type Problem } from '../http/problem.ts';

/** What Node's HTTP parser rejects before any handler runs, as the problem a client gets. */
const problemFor = (code: string | undefined): Problem => {
  if (code === 'HPE_HEADER_OVERFLOW')
    return {
      type: 'https://docs.uxflow.dev/problems/request-header-fields-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      code: 'REQUEST_HEADERS_TOO_LARGE',
      detail: 'The request line and headers together exceed 16 KB.',
    };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_REQUEST_TIMEOUT')
    return { type: 'about:blank', title: 'Request Timeout', status: 408, code: 'REQUEST_TIMEOUT' };
  return {
    type: 'https://docs.uxflow.dev/problems/validation-failed',
    title: 'Bad Request',
    status: 400,
    code: 'VALIDATION_FAILED',
    detail: 'The request is not valid HTTP.',
  };
};

/**
 * A server's `clientError` listener: a request Node's parser refuses (a request line and headers over
 * the 16 KB limit, a malformed request line) gets a problem+json answer and the connection closes.
 * Without a listener Node answers a bare `431` or `400` with no body and no content type, the one
 * answer of ours that was not problem+json. A socket already answering, or gone, is just closed.
 */
export const answerClientError = (error: NodeJS.ErrnoException, socket: Duplex): void => {
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === 'ECONNRESET' || !socket.writable || answering) return void socket.destroy();
  const problem = problemFor(error.code);
  const body = JSON.stringify(problem);
  socket.end(
    [
      `HTTP/1.1 ${problem.status} ${problem.title}`,
      `content-type: ${problemContentType}`,
      `content-length: ${Buffer.byteLength(body)}`,
      'cache-control: no-store',
      'x-content-type-options: nosniff',
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  );
};

/** Marks `node:http` once per process: every bundle loaded into one process (the build's code-cache runs) carries its own copy of this module. */
const installed = Symbol.for('uxflow.client-errors-as-problems');

/**
 * The Functions Framework creates its HTTP server itself (`http.createServer(app)`, after loading
 * the function): wrapping `createServer` before then gives that server the listener above.
 */
export const answerClientErrorsAsProblems = (): void => {
  const marked = http as typeof http & { [installed]?: true };
  if (marked[installed]) return;
  marked[installed] = true;
  const create = http.createServer;
  http.createServer = ((...args: Parameters<typeof http.createServer>) =>
    create(...args).on('clientError', answerClientError)) as typeof http.createServer;
};
