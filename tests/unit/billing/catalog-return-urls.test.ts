import { describe, expect, it } from 'vitest';
import { isAllowedReturnUrl, parseOrigins } from '../../../shared/billing/checkout-return-urls.ts';
import { loadConfig } from '../../../shared/platform/config/load-config.ts';
import { stripeReturnConfig } from '../../../shared/infra/stripe/stripe-return-config.ts';

const origins = ['http://localhost:5173', 'https://app.uxflow.dev'];

describe('checkout return URLs', () => {
  it.each([['http://localhost:5173/billing?done=1'], ['https://app.uxflow.dev/'], ['https://app.uxflow.dev:443/x#y']])(
    'should allow %s when its origin is listed',
    (url) => {
      expect(isAllowedReturnUrl(url, origins)).toBe(true);
    },
  );

  it.each([
    ['another host', 'https://evil.example/'],
    ['another scheme', 'https://localhost:5173/'],
    ['another port', 'http://localhost:5174/'],
    ['a subdomain', 'https://x.app.uxflow.dev/'],
    ['userinfo', 'https://app.uxflow.dev@evil.example/'],
    ['userinfo on a listed host', 'https://me@app.uxflow.dev/'],
    ['a relative URL', '/billing'],
    ['javascript:', 'javascript:alert(1)'],
  ])('should refuse %s', (_what, url) => {
    expect(isAllowedReturnUrl(url, origins)).toBe(false);
  });

  it('should parse a comma-separated list into origins and refuse an entry with a path', () => {
    expect(parseOrigins(' http://localhost:5173, https://app.uxflow.dev/ ,')).toEqual(origins);
    expect(() => parseOrigins('https://app.uxflow.dev/billing')).toThrow();
  });

  it('should read BILLING_RETURN_URL_ORIGINS into origins and name it when it is bad', () => {
    const env = { APP_ENV: 'production' };
    expect(
      loadConfig([stripeReturnConfig], { ...env, BILLING_RETURN_URL_ORIGINS: 'https://app.uxflow.dev' }).BILLING_RETURN_URL_ORIGINS,
    ).toEqual(['https://app.uxflow.dev']);
    expect(() => loadConfig([stripeReturnConfig], { ...env, BILLING_RETURN_URL_ORIGINS: 'not a url' })).toThrow(
      /BILLING_RETURN_URL_ORIGINS/,
    );
    expect(() => loadConfig([stripeReturnConfig], env)).toThrow(/BILLING_RETURN_URL_ORIGINS \(missing\)/);
  });
});
