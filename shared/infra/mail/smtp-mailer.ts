import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import { DomainError } from '../../kernel/index.ts';
import type { Mailer } from '../../identity/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createSecretSource } from '../secrets/secret-source.ts';

const parseSmtpUrl = (raw: string) => {
  const url = raw.trim();
  if (!/^smtps?:\/\//.test(url)) throw new Error('SMTP_URL_FILE must hold an smtp:// or smtps:// URL');
  return url;
};

export const mailConfig = defineConfig({
  name: 'mail',
  shape: {
    /** smtp:// or smtps://, credentials in the URL; the local sink in development. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL'),
    /** The From of every mail we send. */
    MAIL_FROM: z.string().min(3),
    /** A mounted file holding SMTP_URL (re-read when it changes: new relay credentials need no redeploy); overrides the variable. */
    SMTP_URL_FILE: z.string().optional(),
  },
  devDefaults: { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'UX Flow Engine <no-reply@uxflow.dev>' },
});

/**
 * Mail through SMTP (nodemailer). nodemailer (~210 KB) is an external module loaded on the first
 * mail, not at start, so functions that rarely mail keep a short cold start. The transport
 * connects per message: nothing to keep warm.
 */
export const mailer = defineResource({
  name: 'mailer',
  config: mailConfig,
  recipient: { name: 'the SMTP relay (SMTP_URL)', role: 'delivery of account mail (processor)' },
  create: (config, { log }): Mailer => {
    const smtpUrl = createSecretSource({ value: config.SMTP_URL, file: config.SMTP_URL_FILE || undefined, parse: parseSmtpUrl });
    // One transport per URL: a rotated credential gets a new one, messages in flight keep theirs.
    let transport: { url: string; ready: Promise<Transporter> } | undefined;
    return {
      send: async (mail) => {
        try {
          const url = await smtpUrl.current();
          if (transport?.url !== url) transport = { url, ready: import('nodemailer').then(({ createTransport }) => createTransport(url)) };
          await (await transport.ready).sendMail({ from: config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
        } catch (error) {
          // The message may hold a link with a token: log the failure, never the mail.
          log.error({ err: { message: (error as Error).message } }, 'mail not sent');
          throw new DomainError('unavailable', 'MAIL_UNAVAILABLE', {
            detail: 'The mail could not be sent; try again later.',
            cause: error,
          });
        }
      },
    };
  },
});
