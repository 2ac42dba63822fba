import { describe, expect, it } from 'vitest';
import { continueTrace, formatTraceparent } from '../../../shared/platform/trace-context.ts';

describe('continueTrace', () => {
  it('should keep the trace id and record the parent span when traceparent is valid', () => {
    const trace = continueTrace('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(trace.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(trace.parentSpanId).toBe('00f067aa0ba902b7');
    expect(trace.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(formatTraceparent(trace)).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${trace.spanId}-01`);
  });

  it.each([
    [undefined],
    ['garbage'],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
  ])('should start a new trace when traceparent is %s', (value) => {
    const trace = continueTrace(value);
    expect(trace.parentSpanId).toBeUndefined();
    expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(trace.traceId).not.toMatch(/^0+$/);
  });
});
