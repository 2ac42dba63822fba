import { beforeAll, describe, expect, it } from 'vitest';
import { listYamlFiles, readObjects, type SourcedObject } from '../../../scripts/deploy-policy/manifests.ts';
import { environments } from '../../../scripts/gen/knative/overlays/environments.ts';
import { buildOverlay, readBase } from './builds.ts';
import { schemaError } from './schema-validation.ts';

const failures = (objects: readonly SourcedObject[]) =>
  objects.flatMap(({ source, object }) => {
    const error = schemaError(object);
    return error === null ? [] : [`${source}: ${object.kind ?? '?'}/${object.metadata?.name ?? '?'}: ${error}`];
  });

describe('schemas of the objects under knative/', () => {
  it('should validate every object of knative/base against its published schema', async () => {
    const base = await readBase();
    expect(base.objects.length).toBeGreaterThan(100);
    expect(failures(base.objects)).toEqual([]);
  });

  it('should validate every object file of knative/observability against its schema', async () => {
    const files = (await listYamlFiles('knative/observability')).filter((file) => !file.endsWith('kustomization.yaml'));
    expect(failures(await readObjects(files))).toEqual([]);
  });

  describe.each(environments)('the $name overlay', (environment) => {
    let objects: SourcedObject[];
    beforeAll(async () => {
      objects = (await buildOverlay(environment)).objects;
    });

    it('should build and validate every object against its published schema', () => {
      expect(objects.length).toBeGreaterThan(100);
      expect(failures(objects)).toEqual([]);
    });
  });

  it('should fail an object of a kind it has no schema for', () => {
    expect(schemaError({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toMatch(
      /unknown kind example\.com\/v1\/Widget/,
    );
  });

  it('should fail an object its schema rejects', () => {
    const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: 'many' } } };
    expect(schemaError(quota)).not.toBeNull();
    const secret = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 's' },
      spec: { data: [{ secretKey: 'A' }] },
    };
    expect(schemaError(secret)).toMatch(/remoteRef/);
  });
});
