import { privacyExports } from '../../shared/infra/privacy/exports-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { exportPrivacy } from './lib/export-function.ts';

/** Exports per run: each reads every store of the data map; a backlog drains over the next runs. */
const batchSize = 5;

export default defineCronFunction({
  description:
    'Every minute, builds the open access exports (a ZIP of JSON and CSV from every store of the data map) and deletes the archives whose download expired.',
  schedule: '* * * * *',
  uses: [privacyExports],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: exportPrivacy,
  handler: async (_tick, { use, log }) => {
    const report = await use(privacyExports).buildOpen(batchSize, (job, err) =>
      log.error({ err, exportId: job.id }, 'export build failed'),
    );
    if (Object.values(report).some((n) => n > 0)) log.info(report, 'privacy exports');
  },
});
