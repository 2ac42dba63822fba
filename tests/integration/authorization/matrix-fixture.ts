import type { Db } from 'mongodb';
import register from '../../../functions/identity/register.ts';
import { membershipCollection, membershipId } from '../../../shared/infra/mongodb/membership-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';
import type { WorkspaceRole } from '../../../shared/workspaces/index.ts';

export const matrixRoles = ['owner', 'admin', 'editor', 'viewer'] as const;
/** Every caller the matrix tries: one member per role, and a user of another workspace. */
export type Caller = WorkspaceRole | 'stranger';
export const callers: readonly Caller[] = [...matrixRoles, 'stranger'];

export interface MatrixUser {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
}

/** Registers one real account per caller (through the register function itself). */
export const registerCallers = async (env: Record<string, string>): Promise<Record<Caller, MatrixUser>> => {
  const app = createHttpApp(register, createRuntime(register, env));
  const users = {} as Record<Caller, MatrixUser>;
  // Addresses of this run's own (documentation prefix): the per-IP register limit lives in the shared Redis.
  const run = Math.floor(Math.random() * 0xffff).toString(16);
  for (const [index, caller] of callers.entries()) {
    const email = `matrix-${caller}-${newId('m')}@example.com`;
    const password = `Matrix passphrase ${index} for ${caller}`;
    const response = await app.request('/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `2001:db8::${run}:${index + 10}` },
      body: JSON.stringify({ email, password, name: `Matrix ${caller}` }),
    });
    if (response.status !== 201) throw new Error(`registering ${caller} answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { user: { id: string }; accessToken: string };
    users[caller] = { userId: body.user.id, email, password, accessToken: body.accessToken };
  }
  return users;
};

/** Inserts a non-personal enterprise workspace owned by `ownerId`; returns its id. */
export const insertWorkspace = async (db: Db, ownerId: string, name: string): Promise<string> => {
  const workspaceId = newId('wsp');
  await db.collection('workspaces').insertOne({
    _id: workspaceId as never,
    schemaVersion: 1,
    name,
    ownerId,
    personal: false,
    plan: 'enterprise',
    trialEndsAt: null,
    createdAt: new Date(),
  });
  return workspaceId;
};

/** A fresh shared workspace with one member per role (the stranger is not a member). */
export const createMatrixWorkspace = async (db: Db, users: Record<Caller, MatrixUser>): Promise<string> => {
  const workspaceId = await insertWorkspace(db, users.owner.userId, 'Matrix workspace');
  const now = new Date();
  await db.collection(membershipCollection).insertMany(
    matrixRoles.map((role) => ({
      _id: membershipId(workspaceId, users[role].userId) as never,
      schemaVersion: 1,
      workspaceId,
      userId: users[role].userId,
      role,
      joinedAt: now,
    })),
  );
  return workspaceId;
};
