import { describe, expect, it } from 'vitest';
import { loadDataMap } from '../../../scripts/privacy/data-map.ts';
import { erasureStores } from '../../../shared/infra/privacy/erasure-stores.ts';

describe('the erasure covers the data map', () => {
  it('should list every store of the data map, once, so that every erasure and receipt covers it', async () => {
    const declared = (await loadDataMap()).map(({ store }) => `${store.store} ${store.name}`).sort();
    const listed = erasureStores.map((store) => `${store.store} ${store.name}`).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(declared.filter((name) => !listed.includes(name))).toEqual([]);
    expect(listed.filter((name) => !declared.includes(name))).toEqual([]);
  });
});
