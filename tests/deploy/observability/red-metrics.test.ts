import { describe, expect, it } from 'vitest';
import { redInstruments, redSeries } from '../../../shared/platform/telemetry/metric-names.ts';
import { allPanels, readDashboard, readRules, rulesOf } from './observability-files.ts';

/** Every `uxflow_function_*` series a query reads. */
const seriesIn = (exprs: readonly string[]) => [...new Set(exprs.flatMap((expr) => expr.match(/\buxflow_function_\w+/g) ?? []))].sort();

const dashboardExprs = allPanels(readDashboard()).flatMap((panel) =>
  (panel.targets ?? []).map((target) => (typeof target.expr === 'string' ? target.expr : '')),
);
const ruleExprs = rulesOf(readRules()).map((rule) => String(rule.expr));

/**
 * The functions' RED metrics as the dashboard and the rules query them, against the names the code
 * emits (the unit test `otel-sdk.test.ts` checks that the SDK exports exactly `redInstruments`; the
 * integration test `tracing.test.ts` reads the same names back from the collector's Prometheus endpoint).
 */
describe('the RED metrics in knative/observability', () => {
  it('should query only series the code emits', () => {
    const emitted = new Set(redSeries());
    expect(seriesIn([...dashboardExprs, ...ruleExprs]).filter((series) => !emitted.has(series))).toEqual([]);
  });

  it('should show each of the three instruments on the dashboard and alert on the event failures', () => {
    const shown = seriesIn(dashboardExprs).join(' ');
    for (const instrument of Object.values(redInstruments)) expect(shown).toContain(instrument.name.replaceAll('.', '_'));
    expect(seriesIn(ruleExprs)).toEqual(['uxflow_function_errors_total', 'uxflow_function_invocations_total']);
  });

  it('should catch a query of a name the code does not emit', () => {
    const emitted = new Set(redSeries());
    expect(seriesIn(['rate(uxflow_function_requests_total[5m])']).filter((series) => !emitted.has(series))).toEqual([
      'uxflow_function_requests_total',
    ]);
  });
});
