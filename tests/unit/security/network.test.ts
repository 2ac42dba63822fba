import { describe, expect, it } from 'vitest';
import { networkOf } from '../../../shared/security/index.ts';

describe('networkOf', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:203.0.113.77', '203.0.113.0/24'],
    ['2001:db8:abcd:12::1', '2001:db8:abcd::/48'],
    ['2001:0db8:0000:0001:0000:0000:0000:0001', '2001:db8:0::/48'],
    ['::1', '0:0:0::/48'],
    ['256.1.1.1', null],
    ['not-an-address', null],
    ['1:2:3:4:5:6:7:8:9', null],
  ])('%s is in %s', (address, network) => {
    expect(networkOf(address)).toBe(network);
  });
});
