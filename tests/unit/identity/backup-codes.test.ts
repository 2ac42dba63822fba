import { describe, expect, it } from 'vitest';
import { backupCodeCount, newBackupCodes, normalizeSecondFactor, secondFactorKind } from '../../../shared/identity/backup-codes.ts';

describe('backup codes', () => {
  it('should make ten distinct grouped codes of 16 base32 characters', () => {
    const codes = newBackupCodes();
    expect(codes).toHaveLength(backupCodeCount);
    expect(new Set(codes).size).toBe(backupCodeCount);
    for (const code of codes) expect(secondFactorKind(normalizeSecondFactor(code))).toBe('backup');
  });

  it.each([
    ['123456', 'totp'],
    [' 123 456 ', 'totp'],
    ['ABCD-EFGH-JKMN-PQRS', 'backup'],
    ['abcd efgh jkmn pqrs', 'backup'],
    ['abcd-efgh-jkmn-pqru', null],
    ['12345', null],
    ['1234567', null],
    ['', null],
  ])('should read %j as %s', (input, kind) => {
    expect(secondFactorKind(normalizeSecondFactor(input))).toBe(kind);
  });
});
