import type { Meter } from '@opentelemetry/api';
import { durationBuckets, redInstruments } from './metric-names.ts';
import type { Attributes, Invocation } from './telemetry.ts';

const statusClass = (status: unknown) => (typeof status === 'number' ? `${Math.floor(status / 100)}xx` : 'none');

/**
 * Requests, errors and duration per function (RED), labelled with the function, the kind of
 * invocation, the operation (route pattern or event type, never a path: paths carry ids and
 * tokens) and the HTTP status class. Knative's queue-proxy counts HTTP answers too; these add what
 * it cannot see: which route or event type, and event handlers that failed.
 */
export const createRedMetrics = (meter: Meter) => {
  const invocations = meter.createCounter(redInstruments.invocations.name, {
    unit: redInstruments.invocations.unit,
    description: 'Requests and events a function handled',
  });
  const errors = meter.createCounter(redInstruments.errors.name, {
    unit: redInstruments.errors.unit,
    description: 'Requests answered 5xx and events whose handler failed',
  });
  const duration = meter.createHistogram(redInstruments.duration.name, {
    unit: redInstruments.duration.unit,
    description: 'Time from the start of the pipeline to the answer or the end of the handler',
    advice: { explicitBucketBoundaries: durationBuckets },
  });
  return {
    record: (invocation: Invocation, error: boolean, seconds: number, outcome: Attributes) => {
      const labels = {
        function: String(invocation.attributes['faas.name'] ?? ''),
        kind: invocation.kind,
        operation: invocation.name,
        status_class: statusClass(outcome['http.response.status_code']),
      };
      invocations.add(1, labels);
      // Zero too: the series exists from the first invocation, so an error ratio is 0, not absent.
      errors.add(error ? 1 : 0, labels);
      duration.record(seconds, labels);
    },
  };
};
