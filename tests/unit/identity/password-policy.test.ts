import { describe, expect, it } from 'vitest';
import { assertPasswordAcceptable, findPasswordWeakness, normalizeEmail, emailSchema } from '../../../shared/identity/index.ts';
import type { DomainError } from '../../../shared/kernel/index.ts';
import { createCommonPasswords } from '../../../shared/infra/passwords/common-passwords.ts';

const common = createCommonPasswords();

describe('password policy', () => {
  it.each([
    ['short1234', 'too_short'],
    ['x'.repeat(129), 'too_long'],
    ['1234567890', 'common'],
    ['qwertyuiop', 'common'],
    ['Password123', 'common'],
    ['correct horse battery staple', null],
    ['🔒'.repeat(10), null],
  ])('should judge %s as %s', async (password, weakness) => {
    expect(await findPasswordWeakness(password, common)).toBe(weakness);
  });

  it('should throw WEAK_PASSWORD with the reason when a password breaks the policy', async () => {
    const thrown = await assertPasswordAcceptable('password123', common).then(
      () => null,
      (error: unknown) => error as DomainError,
    );
    expect(thrown).toMatchObject({ code: 'WEAK_PASSWORD', kind: 'invalid', extensions: { reason: 'common' } });
  });
});

describe('e-mail normalisation', () => {
  it('should trim and lower-case when normalising', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(emailSchema.parse(' Ada@Example.com')).toBe('ada@example.com');
  });

  it('should refuse when the address is malformed', () => {
    expect(emailSchema.safeParse('not-an-email').success).toBe(false);
  });
});
