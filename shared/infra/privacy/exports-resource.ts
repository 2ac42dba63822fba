import { createExports, type Exports } from '../../privacy/index.ts';
import { newId } from '../../kernel/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { createExportFileStore } from '../mongodb/export-file-store.ts';
import { createExportJobStore } from '../mongodb/export-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { buildExportArchive } from './export-archive.ts';
import { createDownloadLinks } from './export-links.ts';
import { exportedStores } from './exported-stores.ts';
import { createPersonalData } from './personal-data.ts';
import { privacyHashConfig } from './privacy-config.ts';

/**
 * Access exports over MongoDB: requests (`privacy_exports`, `privacy_export_results`), the
 * archives sealed under the person's data key (`privacy_export_chunks`), signed download links.
 */
export const privacyExports = defineResource({
  name: 'privacy-exports',
  config: privacyHashConfig,
  requires: [mongo, fieldSealer],
  create: (config, { use }): Exports => {
    const { db } = use(mongo);
    const sealer = use(fieldSealer);
    return createExports({
      jobs: createExportJobStore(db),
      files: createExportFileStore(db, sealer),
      data: createPersonalData(db, sealer, exportedStores),
      archive: buildExportArchive,
      links: createDownloadLinks(Buffer.from(config.PRIVACY_HASH_KEY, 'base64')),
      clock: { now: () => new Date() },
      newId: () => newId('pex'),
    });
  },
});
