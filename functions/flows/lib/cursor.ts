import { DomainError } from '../../../shared/kernel/index.ts';

/** An opaque page cursor: the last item's `updatedAt` and id. */
export const encodeCursor = (last: { updatedAt: Date; id: string }): string =>
  Buffer.from(JSON.stringify([last.updatedAt.getTime(), last.id])).toString('base64url');

/**
 * `idPattern`: the ids of the list paged (flows by default).
 * @throws DomainError INVALID_CURSOR (400) for anything `encodeCursor` did not make.
 */
export const decodeCursor = (cursor: string, idPattern = /^flw_[0-9a-z]{20}$/): { updatedAt: Date; id: string } => {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'number' && Number.isFinite(time) && typeof id === 'string' && idPattern.test(id)) {
      return { updatedAt: new Date(time), id };
    }
  } catch {
    // falls through to the error below
  }
  throw new DomainError('invalid', 'INVALID_CURSOR', { detail: 'The cursor is not one this API gave out.' });
};
