import { describe, expect, it } from 'vitest';
import definition from '../../../functions/privacy/audit-append-pending.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { fireCron } from '../../support/fire-cron.ts';

const cron = named(definition, 'functions/privacy/audit-append-pending.ts');
const env = { APP_ENV: 'test', LOG_LEVEL: 'silent' };

describe('privacy-audit-append-pending', () => {
  it('should finish a run when there is nothing to do', async () => {
    await expect(fireCron(cron, env)).resolves.toBeUndefined();
  });

  // TODO(scaffold): what a run changes, as it('should <outcome> when <condition>').
  it.todo('should <outcome> when <condition>');
});
