import { describe, expect, it } from 'vitest';
import { loadDataMap } from '../../../scripts/privacy/data-map.ts';
import { exportedStores } from '../../../shared/infra/privacy/exported-stores.ts';

const dataMap = await loadDataMap();

describe('the access export', () => {
  it('should read every store whose data-map declaration says it has an exporter', () => {
    const declared = dataMap.filter(({ store }) => store.privacy.export === 'records').map(({ store }) => `${store.store} ${store.name}`);
    const read = new Set(exportedStores.map((store) => `${store.store} ${store.name}`));
    // Fix: add the declaration to shared/infra/privacy/exported-stores.ts (or say `export: { none: 'why' }`).
    expect(declared.filter((name) => !read.has(name))).toEqual([]);
  });

  it('should read only stores that declare an exporter (the declaration is what the record of processing shows)', () => {
    const exporting = new Set(dataMap.filter(({ store }) => store.privacy.export === 'records').map(({ store }) => store.name));
    expect(exportedStores.map((store) => store.name).filter((name) => !exporting.has(name))).toEqual([]);
  });

  it('should find every exported record through a link to the person', () => {
    const unlinked = exportedStores.filter(
      ({ privacy: { subject } }) =>
        !subject?.userId && !subject?.email && !subject?.emailIndex && !subject?.parent && !subject?.workspaceId,
    );
    expect(unlinked.map((store) => store.name)).toEqual([]);
  });
});
