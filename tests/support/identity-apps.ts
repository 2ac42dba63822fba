import { migrate } from '../../scripts/db/migrate.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import changePassword from '../../functions/identity/change-password.ts';
import deleteSession from '../../functions/identity/delete-session.ts';
import disableTwoFactor from '../../functions/identity/disable-two-factor.ts';
import enableTwoFactor from '../../functions/identity/enable-two-factor.ts';
import forgotPassword from '../../functions/identity/forgot-password.ts';
import listSessions from '../../functions/identity/list-sessions.ts';
import login from '../../functions/identity/login.ts';
import logoutAll from '../../functions/identity/logout-all.ts';
import logout from '../../functions/identity/logout.ts';
import me from '../../functions/identity/me.ts';
import refresh from '../../functions/identity/refresh.ts';
import register from '../../functions/identity/register.ts';
import resendEmailVerification from '../../functions/identity/resend-email-verification.ts';
import resetPassword from '../../functions/identity/reset-password.ts';
import sendPasswordResetMails from '../../functions/identity/send-password-reset-mails.ts';
import setupTwoFactor from '../../functions/identity/setup-two-factor.ts';
import updateMe from '../../functions/identity/update-me.ts';
import verifyEmail from '../../functions/identity/verify-email.ts';
import startImpersonation from '../../functions/identity/start-impersonation.ts';
import endImpersonation from '../../functions/identity/end-impersonation.ts';
import grantImpersonationWrite from '../../functions/identity/grant-impersonation-write.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { named, type FunctionDefinition, type HttpFunctionDefinition } from '../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';
import { testDatabase } from './auth-test-env.ts';
import { newClientAddress } from './client-address.ts';
import { fireCron } from './fire-cron.ts';

const definitions = {
  register,
  login,
  refresh,
  logout,
  logoutAll,
  me,
  verifyEmail,
  resendEmailVerification,
  forgotPassword,
  resetPassword,
  updateMe,
  changePassword,
  listSessions,
  deleteSession,
  setupTwoFactor,
  enableTwoFactor,
  disableTwoFactor,
  startImpersonation,
  endImpersonation,
  grantImpersonationWrite,
} satisfies Record<string, FunctionDefinition>;
type Name = keyof typeof definitions;

/**
 * The identity functions as real Hono apps over the local MongoDB and mail sink, in a database of
 * their own (`name_…`); `overrides` replace variables (e.g. an SMTP relay that is down).
 */
export const startIdentityApps = async (name: string, overrides: Record<string, string> = {}) => {
  const database = testDatabase(name);
  const services = await ensureServices({ only: ['mongodb', 'mail'] });
  const env = { ...services, APP_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_DB: database, ...overrides };
  await migrate(services.MONGODB_URI!, database);
  const runtimes: Runtime[] = [];
  const apps = Object.fromEntries(
    Object.entries(definitions as Record<Name, FunctionDefinition>).map(([name, definition]) => {
      // Each named as its file names it (`forgotPassword` → identity-forgot-password): some limits are per function.
      const runtime = createRuntime({ ...definition, name: `identity-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` }, env);
      runtimes.push(runtime);
      return [name, createHttpApp(definition as HttpFunctionDefinition, runtime)];
    }),
  ) as Record<Name, ReturnType<typeof createHttpApp>>;
  const mailCronFunction = named(sendPasswordResetMails, 'functions/identity/send-password-reset-mails.ts');
  const mailCron = createRuntime(mailCronFunction, env);
  runtimes.push(mailCron);

  /** POSTs JSON (or GETs) with a client address of its own, so per-IP lockouts do not leak between tests. */
  const address = newClientAddress();
  const call = (name: Name, path: string, init: { body?: unknown; headers?: Record<string, string>; ip?: string; method?: string } = {}) =>
    apps[name].request(path, {
      method: init.method ?? 'POST',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        'x-forwarded-for': init.ip ?? address,
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  return {
    call,
    /** One run of the password-reset outbox's cron function (what the scheduler does every minute). */
    sendResetMails: () => fireCron(mailCronFunction, mailCron),
    db: runtimes[0]!.use(mongo).db,
    /** The variables the apps run with (for a tool or an adapter a test builds itself). */
    env,
    mailDir: services.MAIL_SINK_DIR!,
    close: async () => {
      await runtimes[0]!.use(mongo).db.dropDatabase();
      await Promise.all(runtimes.map((runtime) => runtime.close()));
    },
  };
};

/** `name=value` of each Set-Cookie, and each cookie's attributes. */
export const cookiesOf = (response: Response) =>
  Object.fromEntries(
    response.headers.getSetCookie().map((line) => {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      return [pair.slice(0, at), { value: pair.slice(at + 1), attributes }];
    }),
  );

export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
export const goodPassword = 'a sturdy passphrase 42';
