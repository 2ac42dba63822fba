import { DomainError } from '../kernel/index.ts';

export const passwordMinLength = 10;
export const passwordMaxLength = 128;

/** Port: a list of passwords too common to accept. `isCommon` never rejects. */
export interface CommonPasswords {
  isCommon: (password: string) => Promise<boolean>;
}

/** Why a password is refused, in the order they are checked. */
export type PasswordWeakness = 'too_short' | 'too_long' | 'common';

/** The first weakness of a password under the policy (docs/product.md, Identity), or null when acceptable. */
export const findPasswordWeakness = async (password: string, commonPasswords: CommonPasswords): Promise<PasswordWeakness | null> => {
  // Length in code points, so that a password of emoji is not counted twice.
  const length = [...password].length;
  if (length < passwordMinLength) return 'too_short';
  if (length > passwordMaxLength) return 'too_long';
  if ((await commonPasswords.isCommon(password)) || (await commonPasswords.isCommon(password.toLowerCase()))) return 'common';
  return null;
};

/** Throws DomainError(invalid, WEAK_PASSWORD) with `reason` when the password breaks the policy. */
export const assertPasswordAcceptable = async (password: string, commonPasswords: CommonPasswords): Promise<void> => {
  const weakness = await findPasswordWeakness(password, commonPasswords);
  if (weakness === null) return;
  const detail = {
    too_short: `A password needs at least ${passwordMinLength} characters.`,
    too_long: `A password may have at most ${passwordMaxLength} characters.`,
    common: 'This password is too common; choose another.',
  }[weakness];
  throw new DomainError('invalid', 'WEAK_PASSWORD', { detail, extensions: { reason: weakness } });
};
