import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureServices, readMail } from '../../../scripts/services/index.ts';
import { requiredEnv, servicesHookTimeoutMs } from '../../support/required-env.ts';

let smtpUrl: string;
let mailDir: string;

beforeAll(async () => {
  const env = await ensureServices({ only: ['mail'] });
  smtpUrl = requiredEnv(env, 'SMTP_URL');
  mailDir = requiredEnv(env, 'MAIL_SINK_DIR');
}, servicesHookTimeoutMs);

// One recipient address per test (and per run) keeps files and reruns apart.
const recipient = (): string => `it-services-mail-${randomUUID().slice(0, 8)}@example.test`;

describe('mail sink over SMTP', () => {
  it('should store the message for the recipient when nodemailer sends it', async () => {
    const to = recipient();
    const transport = nodemailer.createTransport(smtpUrl);

    await transport.sendMail({
      from: 'UX Flow <noreply@uxflow.test>',
      to,
      subject: 'Willkommen bei UX Flow — ✓',
      text: 'Your workspace is ready.',
      html: '<p>Your workspace is <b>ready</b>.</p>',
    });
    const mails = await readMail(mailDir, { to });

    expect(mails).toHaveLength(1);
    expect(mails[0]?.from).toBe('noreply@uxflow.test');
    expect(mails[0]?.to).toEqual([to]);
    expect(mails[0]?.message.subject).toBe('Willkommen bei UX Flow — ✓');
    expect(mails[0]?.message.text?.trim()).toBe('Your workspace is ready.');
    expect(mails[0]?.message.html).toContain('<b>ready</b>');
  });

  it('should find nothing when no message was sent to the recipient', async () => {
    expect(await readMail(mailDir, { to: recipient() })).toEqual([]);
  });
});
