/**
 * `npm run staff -- grant|revoke <email> <role>`: the only way an account gets or loses a platform
 * role (support, dpo, admin). No endpoint writes roles, so a stolen admin token cannot mint more
 * staff. Granting needs the account to have two-factor authentication on (staff endpoints refuse
 * a session without it anyway). Each change is an audit entry (`staff.role_granted` /
 * `staff.role_revoked`) naming the operator. Runs against MONGODB_URI / MONGODB_DB.
 */
import { userInfo } from 'node:os';
import { auditLog } from '../../shared/infra/audit/audit-log-resource.ts';
import { emailIndex } from '../../shared/infra/crypto/blind-index.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createStaffStore } from '../../shared/infra/mongodb/staff-store.ts';
import { platformRoles, type PlatformRole } from '../../shared/kernel/index.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { isEntryModule } from '../services/paths.ts';

const usage = `usage: npm run staff -- grant|revoke <email> <${platformRoles.join('|')}>`;

export class StaffCliError extends Error {}

/** Grants or revokes a role; returns what it did, throws StaffCliError for a refusal. */
export const changeRole = async (
  argv: readonly string[],
  env: Record<string, string | undefined>,
  operator = env.STAFF_OPERATOR ?? userInfo().username,
): Promise<string> => {
  const [command, email, role] = argv;
  if ((command !== 'grant' && command !== 'revoke') || !email || !platformRoles.includes(role as PlatformRole) || argv.length !== 3)
    throw new StaffCliError(usage);
  const runtime = createRuntime(
    { name: 'staff-cli', uses: [mongo, auditLog, emailIndex] },
    { APP_ENV: 'development', LOG_LEVEL: 'warn', ...env },
  );
  try {
    const staff = createStaffStore(runtime.use(mongo).db);
    const userId = await staff.findUserIdByEmailIndex(runtime.use(emailIndex)(email));
    if (!userId) throw new StaffCliError(`no account with the e-mail ${email}`);
    if (command === 'grant' && !(await staff.hasSecondFactor(userId)))
      throw new StaffCliError(`${email} has no two-factor authentication: staff accounts need it (turn it on first)`);
    await staff.changePlatformRole(userId, role as PlatformRole, command);
    await runtime.use(auditLog).record({
      action: command === 'grant' ? 'staff.role_granted' : 'staff.role_revoked',
      actor: { type: 'system', id: 'staff-cli', userId: null },
      target: { type: 'user', id: userId },
      details: { role: role!, operator: operator.slice(0, 100) },
    });
    return `${command === 'grant' ? 'granted' : 'revoked'} ${role} ${command === 'grant' ? 'to' : 'from'} ${userId} (${email})`;
  } finally {
    await runtime.close();
  }
};

if (isEntryModule(import.meta.url)) {
  try {
    console.log(await changeRole(process.argv.slice(2), process.env));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = error instanceof StaffCliError ? 2 : 1;
  }
}
