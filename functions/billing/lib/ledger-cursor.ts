import { DomainError } from '../../../shared/kernel/index.ts';

const prefix = 'seq:';

/** An opaque page cursor: the last listed entry's number. */
export const encodeLedgerCursor = (seq: number): string => Buffer.from(`${prefix}${seq}`).toString('base64url');

/** @throws DomainError INVALID_CURSOR (400) for anything `encodeLedgerCursor` did not make. */
export const decodeLedgerCursor = (cursor: string): number => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = Number(text.slice(prefix.length));
  if (text.startsWith(prefix) && /^[1-9]\d{0,15}$/.test(text.slice(prefix.length)) && Number.isSafeInteger(seq)) return seq;
  throw new DomainError('invalid', 'INVALID_CURSOR', { detail: 'The cursor is not one this API gave out.' });
};
