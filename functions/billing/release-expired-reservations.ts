import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { ledgerCron } from './lib/ledger-function.ts';

/** Reservations per run; a backlog drains over the next minutes. */
const batchSize = 500;

export default defineCronFunction({
  ...ledgerCron,
  description: 'Every minute, releases credit reservations left unsettled past their expiry (e.g. by a crashed function).',
  schedule: '* * * * *',
  uses: [billingSystem],
  handler: async (_tick, { use, log }) => {
    const result = await use(billingSystem).releaseExpiredReservations(batchSize);
    const failures = result.failures.map(({ reservationId, error }) => ({ reservationId, error: String(error) }));
    if (failures.length > 0) log.warn({ failures }, 'expired reservations left for the next run');
    if (result.released + result.cleaned > 0)
      log.info({ released: result.released, cleaned: result.cleaned }, 'expired reservations released');
  },
});
