import type { OutgoingMail } from './ports.ts';

/** The mails of the account lifecycle. Texts only; links point to the web client. */
export const registrationMails = (appUrl: string) => ({
  verify: (to: string, name: string, token: string): OutgoingMail => ({
    to,
    subject: 'Confirm your e-mail address',
    text: [
      `Hello ${name},`,
      '',
      'Confirm your e-mail address for UX Flow Engine within 24 hours:',
      `${appUrl}/verify-email?token=${encodeURIComponent(token)}`,
      '',
      'If you did not create an account, ignore this message.',
    ].join('\n'),
  }),
  alreadyRegistered: (to: string): OutgoingMail => ({
    to,
    subject: 'Someone tried to register with your e-mail address',
    text: [
      'Hello,',
      '',
      'Someone just tried to create a UX Flow Engine account with this e-mail address, which already has one.',
      'If it was you, sign in instead; if you forgot your password, reset it:',
      `${appUrl}/forgot-password`,
      '',
      'If it was not you, nothing changed and you can ignore this message.',
    ].join('\n'),
  }),
  passwordReset: (to: string, name: string, token: string): OutgoingMail => ({
    to,
    subject: 'Reset your password',
    text: [
      `Hello ${name},`,
      '',
      'Someone asked to reset the password of your UX Flow Engine account. Choose a new one within an hour:',
      `${appUrl}/reset-password?token=${encodeURIComponent(token)}`,
      '',
      'The link works once. If you did not ask for it, ignore this message: your password stays as it is.',
    ].join('\n'),
  }),
});
