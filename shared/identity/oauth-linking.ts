import { DomainError, newId } from '../kernel/index.ts';
import { newPersonalWorkspace } from '../workspaces/index.ts';
import type { OAuthIdentities, OAuthProvider, ProviderProfile } from './oauth-ports.ts';
import type { Clock, PersonalWorkspaces, User, Users } from './ports.ts';
import type { SessionService } from './session-service.ts';

export interface LinkPorts {
  users: Users;
  identities: OAuthIdentities;
  workspaces: PersonalWorkspaces;
  clock: Clock;
  sessions: Pick<SessionService, 'endSessions'>;
}

const unverified = () =>
  new DomainError('forbidden', 'OAUTH_EMAIL_UNVERIFIED', {
    detail: 'The provider has no verified e-mail address for this account; verify one there and try again.',
  });

/**
 * The user a provider account signs in as: the one it is linked to; else the user with the same
 * verified e-mail (the link is added); else a new user (e-mail verified, no password, a personal
 * workspace on the pro trial, as registration makes). Races end on unique indexes: two first
 * sign-ins of one provider account link once (`oauth_identities`), two new users with one e-mail
 * are created once (`users.email`); the loser re-reads.
 */
export const linkOrCreateUser = async (
  ports: LinkPorts,
  provider: OAuthProvider,
  profile: ProviderProfile,
): Promise<{ user: User; isNewUser: boolean }> => {
  const { users, identities, clock } = ports;
  const linked = await identities.find(provider, profile.subject);
  if (linked) {
    const user = await users.findById(linked.userId);
    if (user) return { user, isNewUser: false };
  }
  if (!profile.email || !profile.emailVerified) throw unverified();
  const email = profile.email;
  const link = async (user: User) => {
    const isLinked = await identities.link({ provider, subject: profile.subject, userId: user.id, email, createdAt: clock.now() });
    if (isLinked) return user;
    // A concurrent first sign-in linked it: sign in as whoever that link points to.
    const winner = await identities.find(provider, profile.subject);
    return (winner && (await users.findById(winner.userId))) ?? user;
  };

  const existing = await users.findByEmail(email);
  if (existing) {
    if (!existing.emailVerified) {
      // Whoever registered this address never proved it: drop their password and sessions (pre-hijack defence).
      await users.setPasswordHash(existing.id, '');
      await users.markEmailVerified(existing.id);
      await ports.sessions.endSessions(existing.id, 'password_reset');
    }
    return { user: await link({ ...existing, emailVerified: true }), isNewUser: false };
  }
  const now = clock.now();
  const user: User = {
    id: newId('usr'),
    email,
    name: profile.name?.trim().slice(0, 100) || email.split('@')[0]!,
    // No password: an empty hash never verifies (password login answers INVALID_CREDENTIALS).
    passwordHash: '',
    emailVerified: true,
    platformRoles: [],
    createdAt: now,
  };
  if (!(await users.create(user))) {
    const raced = await users.findByEmail(email);
    if (!raced) throw new DomainError('conflict', 'OAUTH_ACCOUNT_CONFLICT', { detail: 'Try signing in again.' });
    return { user: await link(raced), isNewUser: false };
  }
  const { workspace, owner } = newPersonalWorkspace({ userId: user.id, name: user.name }, now);
  await ports.workspaces.create(workspace, owner);
  return { user: await link(user), isNewUser: true };
};
