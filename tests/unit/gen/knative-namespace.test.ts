import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { usedConfigFragments } from '../../../scripts/gen/config-fragments.ts';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import { defineConfig } from '../../../shared/platform/config/index.ts';
import { defineResource } from '../../../shared/platform/resource.ts';
import { cronFunction } from './fixtures.ts';
import { buildExternalSecret } from '../../../scripts/gen/knative/external-secret.ts';
import { buildNetworkPolicies } from '../../../scripts/gen/knative/network-policies.ts';
import { remoteSecretName, runtimeSecretKeys } from '../../../scripts/gen/knative/runtime-secret-keys.ts';

describe('runtimeSecretKeys', () => {
  it('should list the required variables of the fragments the functions read, not the optional ones or those the manifests set', async () => {
    const keys = runtimeSecretKeys(usedConfigFragments((await loadDefinitions()).map(({ definition }) => definition)));
    expect(keys).toEqual(
      expect.arrayContaining(['MONGODB_URI', 'STRIPE_SECRET_KEY', 'UPSTASH_REDIS_REST_TOKEN', 'AUTH_KEY_ENCRYPTION_KEY']),
    );
    expect(keys).not.toContain('LOG_LEVEL');
    expect(keys).not.toContain('BROKER_URL');
    expect(keys).toEqual([...keys].sort());
  });

  it('should take the variables of a resource a function uses, and of what that resource requires, without any list to update', () => {
    const fragment = (variable: string) =>
      defineConfig({ name: variable.toLowerCase(), shape: { [variable]: z.string() }, devDefaults: {} });
    const inner = defineResource({ name: 'inner', config: fragment('INNER_TOKEN'), create: () => null });
    const outer = defineResource({ name: 'outer', config: fragment('OUTER_URL'), requires: [inner], create: () => null });
    expect(runtimeSecretKeys(usedConfigFragments([cronFunction({ uses: [outer] })]))).toEqual(['INNER_TOKEN', 'OUTER_URL']);
  });

  it('should name each Secret Manager secret after its variable', () => {
    expect(remoteSecretName('MONGODB_URI')).toBe('uxflow-mongodb-uri');
  });
});

describe('buildExternalSecret', () => {
  it('should produce the uxflow-runtime Secret from the cluster secret store, names only', () => {
    const secret = buildExternalSecret(['MONGODB_URI']);
    expect(secret.spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'gcp-secret-manager' },
      target: { name: 'uxflow-runtime' },
      data: [{ secretKey: 'MONGODB_URI', remoteRef: { key: 'uxflow-mongodb-uri', version: 'latest' } }],
    });
  });
});

describe('buildNetworkPolicies', () => {
  const policies = buildNetworkPolicies();

  it('should deny all ingress and egress by default', () => {
    expect(policies[0]?.metadata?.name).toBe('default-deny');
    expect(policies[0]?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('should let in only Knative, Istio, the broker and the metrics scrape', () => {
    const ingress = policies.filter((p) => p.spec?.policyTypes?.includes('Ingress') && p.spec.ingress);
    const namespaces = ingress.flatMap((p) =>
      p.spec?.ingress?.flatMap((rule) => rule.from?.map((peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'])),
    );
    expect(namespaces.sort()).toEqual(['istio-system', 'knative-eventing', 'knative-serving', 'monitoring']);
  });

  it('should let out only DNS, the broker, ChromaDB and the SaaS ports', () => {
    const egress = policies.filter((p) => p.spec?.egress).map((p) => p.metadata?.name);
    expect(egress).toEqual(['allow-egress-to-dns', 'allow-egress-to-broker', 'allow-egress-to-chromadb', 'allow-egress-to-saas']);
    const saas = policies.find((p) => p.metadata?.name === 'allow-egress-to-saas')?.spec?.egress?.[0];
    expect(saas?.ports?.map((p) => p.port)).toEqual([443, 27017, 587]);
    expect(saas?.to?.[0]?.ipBlock?.except).toContain('10.0.0.0/8');
  });
});
