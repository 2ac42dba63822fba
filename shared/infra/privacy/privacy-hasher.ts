import { createHmac } from 'node:crypto';
import { defineResource } from '../../platform/resource.ts';
import { privacyHashConfig } from './privacy-config.ts';

/** A keyed one-way hash of a client address (HMAC-SHA-256, 22 base64url characters): a plain hash of an IPv4 address is reversed by trying them all. */
export type IpHasher = (ip: string) => string;

export const privacyHasher = defineResource({
  name: 'privacy-hasher',
  config: privacyHashConfig,
  create: (config): IpHasher => {
    const key = Buffer.from(config.PRIVACY_HASH_KEY, 'base64');
    return (ip) => createHmac('sha256', key).update(`ip:${ip}`).digest('base64url').slice(0, 22);
  },
});
