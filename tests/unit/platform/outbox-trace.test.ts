import { describe, expect, it } from 'vitest';
import { keptTrace, writerTrace } from '../../../shared/infra/mongodb/outbox-trace.ts';
import { runInRequestScope } from '../../../shared/platform/request-scope.ts';
import { publishSpan } from '../../../shared/platform/telemetry/telemetry.ts';

const requestTrace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const inRequest = <T>(work: () => T): T =>
  runInRequestScope(
    { requestId: 'req-1', traceId: '0af7651916cd43dd8448eb211c80319c', traceparent: requestTrace, auth: () => undefined },
    work,
  );
/** What the broker publisher would send as `ce-traceparent` for a record that kept `stored`. */
const sent = (stored: string | undefined) => publishSpan('com.uxflow.flow.created.v1', stored, async (traceparent) => traceparent);

describe('the traceparent an outbox record keeps', () => {
  it('should be the request one when the record is written in a request', () => {
    expect(inRequest(writerTrace)).toEqual({ traceparent: requestTrace });
  });

  it('should be nothing when the record is written outside any request, and such a record publishes without one', async () => {
    const record = { id: 'a', ...writerTrace() };
    expect(record).toEqual({ id: 'a' });
    expect(await sent(keptTrace(record).traceparent)).toBeUndefined();
  });

  it('should be what the outbox cron publishes with, whatever trace the cron itself runs in', async () => {
    const cronTrace = '00-11111111111111111111111111111111-2222222222222222-01';
    const published = runInRequestScope({ requestId: 'cron', traceId: '1'.repeat(32), traceparent: cronTrace, auth: () => undefined }, () =>
      sent(keptTrace({ traceparent: requestTrace }).traceparent),
    );
    expect(await published).toBe(requestTrace);
  });

  it('should read as absent on a record stored before it was kept, or holding anything but a string', () => {
    expect(keptTrace({})).toEqual({});
    expect(keptTrace({ traceparent: 42 })).toEqual({});
  });
});
