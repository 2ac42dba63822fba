import { describe, expect, it } from 'vitest';
import { eventExamples } from '../../../scripts/bench/event-examples.ts';
import definition from '../../../functions/privacy/audit-security-events.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { deliverEvent } from '../../support/deliver-event.ts';

const consumer = named(definition, 'functions/privacy/audit-security-events.ts');
const env = { APP_ENV: 'test', LOG_LEVEL: 'silent' };

describe('privacy-audit-security-events', () => {
  it('should handle a com.uxflow.security.event.v1 that passes the catalog check', async () => {
    const event = { type: 'com.uxflow.security.event.v1' as const, data: eventExamples['com.uxflow.security.event.v1']() };
    await expect(deliverEvent(consumer, event, env)).resolves.toBeUndefined();
  });

  // TODO(scaffold): what handling an event changes, and that a redelivery changes nothing more.
  it.todo('should <outcome> when <condition>');
});
