import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createTotp } from '../../../shared/infra/otp/totp.ts';

describe('createTotp (RFC 6238)', () => {
  const totp = createTotp();

  it('should match the RFC 6238 SHA-1 test vector at 59 seconds', async () => {
    // RFC 6238, appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits) → 287082 (6 digits).
    const secret = new Secret({ buffer: new TextEncoder().encode('12345678901234567890').buffer }).base32;
    expect(await totp.matchStep(secret, '287082', new Date(59_000))).toBe(1);
  });

  it('should accept one step of drift either way and nothing further', async () => {
    const secret = await totp.newSecret();
    const reference = new TOTP({ secret: Secret.fromBase32(secret) });
    const now = new Date(1_700_000_015_000);
    const step = Math.floor(now.getTime() / 30_000);
    for (const drift of [-1, 0, 1])
      expect(await totp.matchStep(secret, reference.generate({ timestamp: now.getTime() + drift * 30_000 }), now)).toBe(step + drift);
    expect(await totp.matchStep(secret, reference.generate({ timestamp: now.getTime() + 60_000 }), now)).toBeNull();
  });

  it('should name issuer and account in the otpauth URI', async () => {
    const uri = await totp.uri(await totp.newSecret(), 'ada@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\/UX%20Flow%20Engine:ada%40example\.com\?.*secret=[A-Z2-7]{32}/);
  });
});
