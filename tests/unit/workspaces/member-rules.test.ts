import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/kernel/index.ts';
import {
  assertCanChangeRole,
  assertCanInvite,
  assertCanRemove,
  wouldLeaveNoOwner,
  type WorkspaceRole,
} from '../../../shared/workspaces/index.ts';

const codeOf = (action: () => void): string => {
  try {
    action();
    return 'OK';
  } catch (error) {
    return isDomainError(error) ? error.code : 'UNEXPECTED';
  }
};
const actor = (role: WorkspaceRole, userId = `usr_${role}`) => ({ userId, role });

describe('member rules', () => {
  it.each([
    ['owner', 'owner', 'admin', 'OK'],
    ['owner', 'editor', 'owner', 'OK'],
    ['admin', 'editor', 'viewer', 'OK'],
    ['admin', 'owner', 'admin', 'OWNER_ROLE_REQUIRED'],
    ['admin', 'editor', 'owner', 'OWNER_ROLE_REQUIRED'],
    ['editor', 'viewer', 'editor', 'PERMISSION_DENIED'],
    ['viewer', 'viewer', 'editor', 'PERMISSION_DENIED'],
  ] as const)('should answer %s changing %s to %s with %s', (by, target, next, code) => {
    expect(codeOf(() => assertCanChangeRole(actor(by), actor(target, 'usr_target'), next))).toBe(code);
  });

  it.each([
    ['viewer', 'viewer', true, 'OK'],
    ['owner', 'owner', true, 'OK'],
    ['owner', 'owner', false, 'OK'],
    ['admin', 'editor', false, 'OK'],
    ['admin', 'owner', false, 'OWNER_ROLE_REQUIRED'],
    ['editor', 'viewer', false, 'PERMISSION_DENIED'],
  ] as const)('should answer %s removing a %s (self: %s) with %s', (by, target, isSelf, code) => {
    const t = isSelf ? actor(by) : actor(target, 'usr_target');
    expect(codeOf(() => assertCanRemove(actor(by), t))).toBe(code);
  });

  it.each([
    ['owner', 'owner', 'OK'],
    ['admin', 'admin', 'OK'],
    ['admin', 'owner', 'OWNER_ROLE_REQUIRED'],
    ['editor', 'viewer', 'PERMISSION_DENIED'],
  ] as const)('should answer %s inviting a %s with %s', (by, role, code) => {
    expect(codeOf(() => assertCanInvite(by, role))).toBe(code);
  });

  it.each([
    [1, 'owner', 'admin', true],
    [1, 'owner', null, true],
    [2, 'owner', null, false],
    [1, 'admin', null, false],
    [1, 'owner', 'owner', false],
  ] as const)('should say whether %s owner(s) minus a %s becoming %s leaves none: %s', (count, target, next, expected) => {
    expect(wouldLeaveNoOwner(count, target, next)).toBe(expected);
  });
});
