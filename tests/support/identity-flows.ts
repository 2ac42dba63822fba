import { readMail } from '../../scripts/services/index.ts';
import { goodPassword, uniqueEmail, type startIdentityApps } from './identity-apps.ts';

type Apps = Awaited<ReturnType<typeof startIdentityApps>>;

export interface SignedUp {
  email: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

let address = 0;
/** A client address of its own per call, so per-IP lockouts stay out of the way. */
export const nextIp = () => {
  address += 1;
  return `10.${Math.floor(Math.random() * 200)}.${Math.floor(address / 250)}.${(address % 250) + 1}`;
};

export const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;
export const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

/** Registers an account, refresh token in the body. */
export const signUp = async (apps: Apps, label: string, password = goodPassword): Promise<SignedUp> => {
  const email = uniqueEmail(label);
  // An address of its own too: the per-IP register limit is shared by every test on this Redis.
  const response = await apps.call('register', '/v1/auth/register', {
    body: { email, password, name: 'Ada', refreshTokenIn: 'body' },
    ip: nextIp(),
  });
  if (response.status !== 201) throw new Error(`register answered ${response.status}`);
  const body = (await response.json()) as { user: { id: string }; accessToken: string; refreshToken: string };
  return { email, userId: body.user.id, accessToken: body.accessToken, refreshToken: body.refreshToken };
};

/** Logs in with the refresh token in the body. */
export const logIn = (apps: Apps, email: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  apps.call('login', '/v1/auth/login', {
    body: { email, password: goodPassword, refreshTokenIn: 'body', ...extra },
    ip: nextIp(),
    headers,
  });

/** The tokens of every mail to `to` whose link matches `path?token=`, oldest first. */
export const mailedTokens = async (apps: Apps, to: string, path: string): Promise<string[]> => {
  const mails = await readMail(apps.mailDir, { to });
  const pattern = new RegExp(`/${path}\\?token=([A-Za-z0-9_%-]+)`);
  return mails.flatMap((mail) => {
    const match = pattern.exec(mail.message.text ?? '');
    return match?.[1] ? [decodeURIComponent(match[1])] : [];
  });
};
