import { DomainError } from '../kernel/index.ts';
import type { OneTimeTokenEntry, OneTimeTokens } from './ports.ts';

/** E-mail verification links live 24 hours, password-reset links 1 hour (docs/product.md, Identity). */
export const emailVerificationTtlMs = 24 * 60 * 60 * 1000;
export const passwordResetTtlMs = 60 * 60 * 1000;

/** Whether a stored token may still be used at `now` (its single use is checked separately). */
export const isTokenUnexpired = (entry: Pick<OneTimeTokenEntry, 'expiresAt'>, now: Date): boolean =>
  entry.expiresAt.getTime() > now.getTime();

/**
 * Checks a token without using it: throws DomainError(invalid, `code`) for an unknown or expired one.
 * The single use is `commit`: call it only once everything else has passed, so a refused request
 * (a weak new password, say) does not burn the link.
 */
export const checkOneTimeToken = async (tokens: OneTimeTokens, token: string, now: Date, code: string) => {
  const invalid = () => new DomainError('invalid', code, { detail: 'The link is invalid, expired or already used.' });
  const entry = await tokens.find(token);
  if (!entry || !isTokenUnexpired(entry, now)) throw invalid();
  return {
    entry,
    /** Uses the token; throws `code` when a concurrent request used it first. */
    commit: async (): Promise<void> => {
      if (!(await tokens.consume(token))) throw invalid();
    },
  };
};
