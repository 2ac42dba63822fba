import { registrationMails } from './mails.ts';
import { passwordResetTtlMs } from './one-time-tokens.ts';
import type { Clock, Mailer, PasswordResetRequests, QueuedPasswordResetRequest, PasswordResets, Users } from './ports.ts';
import { newSecret } from './secrets.ts';

export interface PasswordResetDeliveryPorts {
  users: Users;
  passwordResets: PasswordResets;
  passwordResetRequests: PasswordResetRequests;
  mailer: Mailer;
  clock: Clock;
  /** Where links in mails point (the web client), without a trailing slash. */
  appUrl: string;
}

/** A request still queued after this long (a long mail outage) is dropped: its owner has asked again or moved on. */
export const passwordResetRequestTtlMs = 60 * 60 * 1000;

export interface DeliveryReport {
  mailed: number;
  /** Addresses without an account: nothing to mail. */
  noAccount: number;
  expired: number;
}

/**
 * The delivery side of the password-reset outbox, run by a cron function: looks each queued
 * address up and, for an account, stores a fresh single-use token and mails its link.
 */
export const createPasswordResetDelivery = (ports: PasswordResetDeliveryPorts) => {
  const { users, passwordResets, passwordResetRequests, mailer, clock } = ports;
  const mails = registrationMails(ports.appUrl);

  const deliver = async (request: QueuedPasswordResetRequest): Promise<keyof DeliveryReport> => {
    const now = clock.now();
    if (now.getTime() - request.requestedAt.getTime() > passwordResetRequestTtlMs) return 'expired';
    const user = await users.findByEmailIndex(request.emailIndex);
    if (!user) return 'noAccount';
    const token = newSecret('pr');
    await passwordResets.create(token, { userId: user.id, email: user.email, expiresAt: new Date(now.getTime() + passwordResetTtlMs) });
    await mailer.send(mails.passwordReset(user.email, user.name, token));
    return 'mailed';
  };

  return {
    /**
     * Handles up to `limit` queued requests, oldest first, removing each once handled. Stops at the
     * first failure (the relay is down: the rest would fail too) and throws it; what was not
     * removed is tried again on the next run. A crash between the mail and the removal sends that
     * mail twice (each with a working link): at least once, never lost.
     */
    deliverQueued: async (limit: number): Promise<DeliveryReport> => {
      const report: DeliveryReport = { mailed: 0, noAccount: 0, expired: 0 };
      for (const request of await passwordResetRequests.queued(limit)) {
        report[await deliver(request)] += 1;
        await passwordResetRequests.remove(request.id);
      }
      return report;
    },
  };
};

export type PasswordResetDelivery = ReturnType<typeof createPasswordResetDelivery>;
