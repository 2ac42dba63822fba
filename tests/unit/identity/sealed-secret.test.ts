import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../../../shared/infra/crypto/sealed-secret.ts';

describe('sealing signing keys', () => {
  const kek = randomBytes(32);

  it('should open what it sealed when key and context match', () => {
    expect(open(kek, 'kid-1', seal(kek, 'kid-1', '{"d":"secret"}'))).toBe('{"d":"secret"}');
  });

  it('should not leave the plaintext readable in the sealed form', () => {
    expect(JSON.stringify(seal(kek, 'kid-1', '{"d":"very-secret-value"}'))).not.toContain('very-secret-value');
  });

  it('should refuse to open with another key-encryption key', () => {
    expect(() => open(randomBytes(32), 'kid-1', seal(kek, 'kid-1', 'x'))).toThrow();
  });

  it('should refuse to open a sealed value moved to another key id', () => {
    expect(() => open(kek, 'kid-2', seal(kek, 'kid-1', 'x'))).toThrow();
  });

  it('should refuse a tampered ciphertext', () => {
    const sealed = seal(kek, 'kid-1', 'some private key');
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    expect(() => open(kek, 'kid-1', { ...sealed, ciphertext: bytes.toString('base64') })).toThrow();
  });
});

describe('sealed secret tag length', () => {
  const kek = randomBytes(32);

  // GCM accepts tags of 4 to 16 bytes unless the length is pinned; a truncated tag is a forgery
  // that needs only 2^32 tries for 4 bytes.
  it.each([4, 8, 12, 15])('should refuse a tag truncated to %i bytes', (length) => {
    const sealed = seal(kek, 'kid-1', 'some private key');
    const tag = Buffer.from(sealed.tag, 'base64').subarray(0, length).toString('base64');
    expect(() => open(kek, 'kid-1', { ...sealed, tag })).toThrow();
  });
});
