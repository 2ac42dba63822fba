import { describe, expect, it } from 'vitest';
import { eventCatalog } from '../../../shared/platform/events/catalog.ts';
import { toSecurityEventData } from '../../../shared/security/index.ts';

const id = 'sev_0123456789abcdefghjk';
const at = new Date('2026-01-02T03:04:05.000Z');

describe('security event data', () => {
  it('should keep only allow-listed details when an event carries others', () => {
    const data = toSecurityEventData(id, {
      type: 'api_key_misuse',
      at,
      ip: '203.0.113.9',
      details: { reason: 'INVALID_API_KEY', key: 'uxf_secret', password: 'hunter2hunter2', path: '/v1/x' },
    });
    expect(data).toEqual({
      id,
      type: 'api_key_misuse',
      at: '2026-01-02T03:04:05.000Z',
      ip: '203.0.113.9',
      details: { reason: 'INVALID_API_KEY', path: '/v1/x' },
    });
  });

  it('should be valid data for com.uxflow.security.event.v1 when built from an event', () => {
    const data = toSecurityEventData(id, { type: 'rate_limited', at, workspaceId: 'wsp_1', details: { limit: 'api', max: 120 } });
    expect(eventCatalog['com.uxflow.security.event.v1'].safeParse(data).success).toBe(true);
  });

  it('should refuse data with a member outside the schema when it is published', () => {
    const result = eventCatalog['com.uxflow.security.event.v1'].safeParse({
      id,
      type: 'login_failed',
      at: at.toISOString(),
      token: 'rt_x',
    });
    expect(result.success).toBe(false);
  });
});
