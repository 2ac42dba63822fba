import { createHash } from 'node:crypto';

/** Tokens are stored only as their SHA-256 (hex): a leaked collection gives no usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
