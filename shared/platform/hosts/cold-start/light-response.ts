import { extractBody, headersFor, LightBody } from './light-body.ts';
import { LightHeaders } from './light-headers.ts';

const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/**
 * The Fetch standard's `Response` for the Knative host's pipeline, without undici (see
 * `LightHeaders`). Constructed and read like the standard class: status 200–599 (RangeError
 * otherwise), no body on 101/103/204/205/304, a string body defaults to text/plain, the body is
 * read once. Hono builds every response it sends with this class inside the Knative bundles.
 */
export class LightResponse extends LightBody implements Response {
  readonly headers: LightHeaders;
  readonly status: number;
  readonly statusText: string;
  readonly type: ResponseType = 'default';
  readonly url = '';
  readonly redirected = false;

  constructor(body?: BodyInit | null, init: ResponseInit = {}) {
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError(`Response: status ${status} is outside 200–599.`);
    const { payload, contentType } = extractBody(body);
    if (payload !== null && nullBodyStatuses.has(status)) throw new TypeError(`Response: status ${status} cannot have a body.`);
    super(payload);
    this.status = status;
    this.statusText = init.statusText ?? '';
    this.headers = headersFor(init.headers, contentType);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  clone(): LightResponse {
    const copy = new LightResponse(null, { status: this.status, statusText: this.statusText, headers: this.headers });
    copy.adopt(this.payloadForClone());
    return copy;
  }

  static json(data: unknown, init: ResponseInit = {}): LightResponse {
    const response = new LightResponse(JSON.stringify(data), init);
    if (!new LightHeaders(init.headers).has('content-type')) response.headers.set('content-type', 'application/json');
    return response;
  }
}
