/** What went wrong, independent of transport. Only the problem+json mapper turns a kind into an HTTP status. */
export const errorKinds = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'precondition',
  'precondition_required',
  'unprocessable',
  'payment_required',
  'too_large',
  'rate_limited',
  'not_implemented',
  'unavailable',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export interface DomainErrorOptions {
  /** Human-readable explanation for this occurrence; safe to show to the caller. */
  detail?: string;
  /** Extra members for the problem document (e.g. `errors`, `limit`); must be safe to show. */
  extensions?: Record<string, unknown>;
  /** The underlying error; logged, never sent to a client. */
  cause?: unknown;
}

/** The one error type of the domain: a stable UPPER_SNAKE `code` and a `kind`. */
export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(kind: ErrorKind, code: string, options: DomainErrorOptions = {}) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.detail = options.detail;
    this.extensions = options.extensions ?? {};
  }
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;
