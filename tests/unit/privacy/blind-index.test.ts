import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../shared/identity/index.ts';
import { createEmailIndex } from '../../../shared/infra/crypto/blind-index.ts';

describe('the e-mail blind index', () => {
  const indexOf = createEmailIndex(Buffer.alloc(32, 1));

  it('should give one index per normalised address, whatever its case and surrounding spaces', () => {
    const address = '  Ada.Lovelace@Example.COM ';
    expect(indexOf(address)).toBe(indexOf(normalizeEmail(address)));
    expect(indexOf(address)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(indexOf('ada@example.com')).not.toBe(indexOf('ada@example.org'));
  });

  it('should depend on the key, so a copy of the data alone cannot confirm a guessed address', () => {
    expect(createEmailIndex(Buffer.alloc(32, 2))('ada@example.com')).not.toBe(indexOf('ada@example.com'));
  });
});
