import { z } from 'zod';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A random, URL-safe id with a type prefix, e.g. `usr_3k9…` (20 characters of Crockford base32,
 * 100 bits of randomness from the Web Crypto API).
 */
export const newId = (prefix: string): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(20));
  let body = '';
  for (const byte of bytes) body += alphabet[byte & 31];
  return `${prefix}_${body}`;
};

/** The ids that come back from outside (paths, bodies, cursors, events), by prefix, and what each names. */
const idNames = {
  apk: 'an API key id',
  brc: 'a breach id',
  flw: 'a flow id',
  inc: 'a security incident id',
  imp: 'an impersonation id',
  inv: 'an invitation id',
  job: 'an AI job id',
  kdoc: 'a knowledge document id',
  msg: 'an AI message id',
  pex: 'a privacy export id',
  prp: 'an AI proposal id',
  sal: 'a security alert id',
  ses: 'a session id',
  sev: 'a security event id',
  tpl: 'a template id',
  usr: 'a user id',
  wsp: 'a workspace id',
} as const;

export type IdPrefix = keyof typeof idNames;

/**
 * The shape of an id `newId(prefix)` makes. The body admits any lower-case letter, not only the
 * generator's alphabet: an id that merely looks wrong is then a 404, like any id that is not ours.
 */
export const idPattern = (prefix: IdPrefix): RegExp => new RegExp(`^${prefix}_[0-9a-z]{20}$`);

/** An id of one type, checked at the edge (`must be a workspace id`). */
export const idSchema = (prefix: IdPrefix) => z.string().regex(idPattern(prefix), `must be ${idNames[prefix]}`);
