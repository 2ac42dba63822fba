import { describe, expect, it } from 'vitest';
import { isTokenUnexpired } from '../../../shared/identity/one-time-tokens.ts';
import { liveSessions } from '../../../shared/identity/session-list.ts';

const at = (iso: string) => new Date(iso);
const session = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  userId: 'usr_1',
  rememberMe: false,
  createdAt: at('2025-01-01T00:00:00Z'),
  expiresAt: at('2025-01-08T00:00:00Z'),
  lastUsedAt: null,
  ...overrides,
});

describe('liveSessions', () => {
  const now = at('2025-01-05T00:00:00Z');

  it('should leave out revoked and expired sessions and mark the current one', () => {
    const views = liveSessions(
      [session('a'), session('b'), session('c', { expiresAt: at('2025-01-04T00:00:00Z') })],
      (id) => id === 'b',
      now,
      'a',
    );
    expect(views).toEqual([expect.objectContaining({ id: 'a', current: true, ip: null, userAgent: null, lastUsedAt: null })]);
  });

  it('should put the most recently used first when sessions were refreshed', () => {
    const views = liveSessions(
      [
        session('old'),
        session('used', { lastUsedAt: at('2025-01-04T00:00:00Z') }),
        session('new', { createdAt: at('2025-01-03T00:00:00Z') }),
      ],
      () => false,
      now,
      'none',
    );
    expect(views.map((view) => view.id)).toEqual(['used', 'new', 'old']);
  });
});

describe('isTokenUnexpired', () => {
  it.each([
    ['2025-01-05T00:00:01Z', true],
    ['2025-01-05T00:00:00Z', false],
    ['2025-01-04T23:59:59Z', false],
  ])('should say %s is %s at the instant 2025-01-05T00:00:00Z', (expiresAt, expected) => {
    expect(isTokenUnexpired({ expiresAt: at(expiresAt) }, at('2025-01-05T00:00:00Z'))).toBe(expected);
  });
});
