import { z } from 'zod';

/** E-mail addresses are compared and stored trimmed and lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** An e-mail address as accepted at the edge: normalised first, then checked (≤ 254 characters). */
export const emailSchema = z.string().max(320).transform(normalizeEmail).pipe(z.string().email().max(254));
