import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlStream } from '../../../scripts/deploy-policy/manifests.ts';
import { secretValuesCheck } from '../../../scripts/deploy-policy/checks/secret-values.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';

interface Pod {
  containers: { env: { name: string; value?: string }[]; volumeMounts?: { name: string; mountPath: string; subPath?: string }[] }[];
  volumes?: { name: string; secret: { secretName: string; items: { key: string; path: string }[] } }[];
}
const service = (name: string) => {
  const [object] = parseYamlStream(readFileSync(fromRoot(`knative/base/services/${name}.yaml`), 'utf8'), name);
  return object as { spec: { template: { spec: Pod } } } & Record<string, unknown>;
};
const podOf = (name: string) => service(name).spec.template.spec;

describe('secrets that rotate without a redeploy', () => {
  it.each([
    ['billing-stripe-webhook', ['STRIPE_WEBHOOK_SECRET']],
    ['identity-forgot-password', ['SMTP_URL']],
  ])('%s should read %s from the mounted runtime Secret, without subPath', (name, secrets) => {
    const pod = podOf(name);
    const [container] = pod.containers;
    for (const secret of secrets)
      expect(container!.env).toContainEqual({ name: `${secret}_FILE`, value: `/var/run/secrets/uxflow/${secret}` });
    expect(container!.volumeMounts).toEqual([{ name: 'runtime-secret-files', mountPath: '/var/run/secrets/uxflow', readOnly: true }]);
    expect(pod.volumes).toEqual([
      {
        name: 'runtime-secret-files',
        secret: { secretName: 'uxflow-runtime', defaultMode: 0o444, items: secrets.map((key) => ({ key, path: key })) },
      },
    ]);
  });

  it('should mount nothing into a function that reads no such secret', () => {
    const pod = podOf('flows-list');
    expect(pod.volumes).toBeUndefined();
    expect(pod.containers[0]!.env.some((variable) => variable.name.endsWith('_FILE'))).toBe(false);
  });

  it('should still refuse a credential written into a _FILE variable', () => {
    const broken = service('billing-stripe-webhook');
    broken.spec.template.spec.containers[0]!.env.push({ name: 'STRIPE_WEBHOOK_SECRET_FILE', value: 'whsec_abcdefghijklmnop' });
    expect(secretValuesCheck.run([broken as never], { environment: 'base', workloads: new Map(), routes: [] }).map((v) => v.check)).toEqual(
      ['no-secret-values'],
    );
  });
});
