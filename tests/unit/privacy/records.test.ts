import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import { loadDataMap } from '../../../scripts/privacy/data-map.ts';
import { annotationProblems, collectReach } from '../../../scripts/privacy/function-reach.ts';
import { activitiesOf, renderRecords } from '../../../scripts/privacy/records.ts';

const loaded = await loadDefinitions();
const dataMap = await loadDataMap();
const reach = await collectReach(loaded, dataMap);
const reachOf = (name: string) => reach.find((r) => r.name === name)!;
const storeNames = (name: string) => reachOf(name).stores.map((s) => `${s.store} ${s.name}`);

describe('which stores a function reaches', () => {
  it('should find the stores behind the resources a function uses', () => {
    expect(storeNames('identity-me')).toContain('mongodb users');
    expect(storeNames('billing-create-checkout')).toContain('mongodb billing_accounts');
    expect(storeNames('knowledge-search')).toContain('chroma <prefix>-ws-<workspaceId>');
  });

  it('should count the request pipeline’s stores for the pipeline, not for the function', () => {
    expect(storeNames('ops-not-found')).toEqual([]);
    expect(reachOf('ops-not-found').pipelineStores.map((s) => s.name)).toContain('uxf:rl');
  });

  it('should name Stripe as a recipient of the functions that call it, and no one for a function that calls no one', () => {
    expect(reachOf('billing-create-checkout').recipients.map((r) => r.name)).toContain('Stripe');
    expect(reachOf('ops-health').recipients).toEqual([]);
  });
});

describe('the privacy annotation check', () => {
  it('should pass the definitions as they are', () => {
    expect(annotationProblems(reach)).toEqual([]);
  });

  it('should refuse a function that reaches personal data while declaring none', async () => {
    const lying = loaded.map((entry) =>
      entry.definition.name === 'billing-get'
        ? { ...entry, definition: { ...entry.definition, privacy: { personalData: 'none' as const } } }
        : entry,
    );
    const problems = annotationProblems(await collectReach(lying, dataMap));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('billing-get');
    expect(problems[0]).toContain('mongodb billing_accounts');
  });
});

describe('the record of processing', () => {
  it('should group functions by purpose and legal basis, with the retention of the stores they reach', () => {
    const checkout = activitiesOf(reach).find((a) => a.functions.includes('billing-create-checkout') && a.purpose.includes('Stripe'))!;
    expect(checkout.legalBasis).toBe('contract');
    expect(checkout.stores).toContain('mongodb billing_accounts');
    expect(checkout.retention.some((r) => r.startsWith('billing-records:'))).toBe(true);
    expect(checkout.recipients.some((r) => r.startsWith('Stripe:'))).toBe(true);
  });

  it('should list every store of the data map and be the same for the same input', () => {
    const [md, json] = renderRecords(reach, dataMap);
    for (const { store } of dataMap) expect(md!.content).toContain(`\`${store.name}\``);
    expect(JSON.parse(json!.content).stores).toHaveLength(dataMap.length);
    expect(renderRecords([...reach].reverse(), dataMap)).toEqual([md, json]);
  });
});
