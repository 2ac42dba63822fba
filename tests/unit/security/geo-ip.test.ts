import { describe, expect, it } from 'vitest';
import { createGeoIp } from '../../../shared/infra/security/geo-ip.ts';
import { withCountry, type Observation } from '../../../shared/security/index.ts';

const geo = createGeoIp();
const signIn = (ip?: string): Observation => ({
  id: 'sev_1',
  kind: 'signed_in',
  at: new Date('2026-12-01T10:00:00Z'),
  userId: 'usr_a',
  ip,
  details: { reason: 'password' },
  count: 1,
});

describe('the offline country lookup', () => {
  it('should name the country of public IPv4 and IPv6 addresses from the installed database', () => {
    expect(geo.countryOf('8.8.8.8')).toBe('US');
    expect(geo.countryOf('194.25.134.1')).toBe('DE');
    expect(geo.countryOf('2001:4860:4860::8888')).toBe('US');
  });

  it('should answer null for a loopback address and for what is not an address', () => {
    expect(geo.countryOf('127.0.0.1')).toBeNull();
    expect(geo.countryOf('unknown')).toBeNull();
  });

  it('should add the country to sign-ins only, and leave a sign-in without a known country as it is', () => {
    expect(withCountry(signIn('194.25.134.1'), geo.countryOf).details).toEqual({ reason: 'password', country: 'DE' });
    expect(withCountry(signIn('127.0.0.1'), geo.countryOf).details).toEqual({ reason: 'password' });
    expect(withCountry(signIn(), geo.countryOf).details).toEqual({ reason: 'password' });
    const failed = { ...signIn('8.8.8.8'), kind: 'login_failed' as const };
    expect(withCountry(failed, geo.countryOf)).toBe(failed);
  });
});
