/**
 * The RED metrics every function exports over OTLP, as instruments and as the series a collector's
 * Prometheus exporter makes of them (dots to underscores, the unit as a suffix, `_total` on
 * counters, `_bucket`/`_sum`/`_count` on histograms). The dashboard and the rules in
 * `knative/observability/` query the Prometheus names; a test checks both sides against this list.
 */
export const redInstruments = {
  invocations: { name: 'uxflow.function.invocations', type: 'counter', unit: '{invocation}' },
  errors: { name: 'uxflow.function.errors', type: 'counter', unit: '{invocation}' },
  duration: { name: 'uxflow.function.duration', type: 'histogram', unit: 's' },
} as const;

/** The attributes (Prometheus labels) each RED series carries. */
export const redLabels = ['function', 'kind', 'operation', 'status_class'] as const;

/** Upper bounds of the duration histogram, in seconds (5 ms to 30 s: a function times out at 30 s or later). */
export const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const unitSuffix: Record<string, string> = { s: '_seconds', ms: '_milliseconds', By: '_bytes' };

/** The Prometheus series names of one instrument, as the collector's exporter writes them. */
export const prometheusSeries = (instrument: { name: string; type: string; unit: string }): string[] => {
  const base = instrument.name.replaceAll('.', '_') + (unitSuffix[instrument.unit] ?? '');
  return instrument.type === 'counter' ? [`${base}_total`] : [`${base}_bucket`, `${base}_sum`, `${base}_count`];
};

/** Every Prometheus series the RED metrics produce. */
export const redSeries = (): string[] => Object.values(redInstruments).flatMap(prometheusSeries);
