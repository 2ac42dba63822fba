import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';

/** Staff act as themselves: the register and the audit name the staff account. */
export const staffActorId = (auth: AuthContext): string => auth.userId;
