import type { InvitationMail } from './ports.ts';

/** Invitations live 7 days (the decision) and are single use. */
export const invitationTtlMs = 7 * 24 * 60 * 60 * 1000;

/**
 * A single-use invitation token: 32 random bytes (Web Crypto), base64url, prefixed `wsi_` so it
 * is recognisable in a URL. Only its hash is stored.
 */
export const newInvitationToken = (): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return `wsi_${btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '')}`;
};

/** Shape of a token, for validating the path parameter. */
export const invitationTokenPattern = /^wsi_[A-Za-z0-9_-]{43}$/;

/** The invitation mail: who invites to what, and the link to the web client's accept page. */
export const invitationMail = (
  appUrl: string,
  input: { to: string; workspaceName: string; inviterName: string | null; role: string; token: string; expiresAt: Date },
): InvitationMail => ({
  to: input.to,
  subject: `You are invited to ${input.workspaceName} on UX Flow Engine`,
  text: [
    'Hello,',
    '',
    `${input.inviterName ?? 'A member'} invited you to join the workspace “${input.workspaceName}” as ${input.role}.`,
    `Accept before ${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, signed in with this e-mail address:`,
    `${appUrl}/invitations/accept?token=${encodeURIComponent(input.token)}`,
    '',
    'The link works once. If you did not expect this invitation, ignore this message.',
  ].join('\n'),
});
