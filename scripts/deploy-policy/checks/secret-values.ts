import type { IContainer } from 'kubernetes-models/v1/Container';
import { revisionTemplate } from '../pod-template.ts';
import { describeObject, isKnativeService, type PolicyCheck, type Violation } from '../types.ts';

/** Variable names that hold credentials: such a variable must come from the runtime secret, never a literal. */
const secretName = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_KEY|ENCRYPTION_KEY|_URI$|SMTP_URL/i;

/** Values that look like credentials wherever they appear: Stripe keys, webhook secrets, PEM keys, URLs with a password. */
const secretValue = /(sk|rk)_(live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^/\s:@]+:[^/\s@]+@/;

/** `STRIPE_WEBHOOK_SECRET_FILE=/var/run/…`: the path of a mounted secret file, not a credential. */
const isFilePath = (name: string, value: string) => name.endsWith('_FILE') && /^\/[A-Za-z0-9._/-]+$/.test(value);

const envViolations = (container: IContainer) =>
  (container.env ?? [])
    .filter(
      (variable) =>
        variable.value !== undefined &&
        ((secretName.test(variable.name) && !isFilePath(variable.name, variable.value)) || secretValue.test(variable.value)),
    )
    .map((variable) => `container ${container.name} sets ${variable.name} to a literal value that looks like a credential`);

/**
 * No secret values anywhere: no Secret object with `data` or `stringData` (secrets arrive through
 * the ExternalSecret), and no credential-looking literal in any container's environment.
 */
export const secretValuesCheck: PolicyCheck = {
  name: 'no-secret-values',
  description: 'no Secret objects with data and no secret-looking values in container environments',
  run(objects) {
    return objects.flatMap((object): Violation[] => {
      const fail = (message: string): Violation => ({ check: this.name, object: describeObject(object), message });
      if (object.kind === 'Secret' && (object.data !== undefined || object.stringData !== undefined)) {
        return [fail('a Secret with values is committed; use the ExternalSecret')];
      }
      if (!isKnativeService(object)) return [];
      return revisionTemplate(object).containers.flatMap(envViolations).map(fail);
    });
  },
};
