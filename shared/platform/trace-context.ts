import { randomBytes } from 'node:crypto';

/** W3C Trace Context (`traceparent`): version-traceid-parentid-flags. */
export interface TraceContext {
  traceId: string;
  spanId: string;
  /** The caller's span, when the request carried a valid `traceparent`. */
  parentSpanId: string | undefined;
  flags: string;
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const isAllZero = (hex: string) => /^0+$/.test(hex);

/** Continues the caller's trace when `traceparent` is valid, starts a new one otherwise. */
export const continueTrace = (traceparent: string | null | undefined): TraceContext => {
  const match = traceparentPattern.exec(traceparent?.trim().toLowerCase() ?? '');
  const spanId = randomBytes(8).toString('hex');
  if (match && !isAllZero(match[1]!) && !isAllZero(match[2]!)) {
    return { traceId: match[1]!, parentSpanId: match[2]!, spanId, flags: match[3]! };
  }
  return { traceId: randomBytes(16).toString('hex'), parentSpanId: undefined, spanId, flags: '01' };
};

export const formatTraceparent = (trace: TraceContext): string => `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
