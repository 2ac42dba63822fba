import type { CommonPasswords } from '../../identity/index.ts';

type PasswordList = { test: (password: string) => boolean };
let list: Promise<PasswordList> | undefined;

/**
 * Mozilla's maintained list of common passwords (the one Firefox Accounts refuses). The list
 * (~240 KB) is an external module loaded on the first check, not at start: only the functions
 * that take a new password pay for it, and only when they do.
 */
export const createCommonPasswords = (): CommonPasswords => ({
  isCommon: async (password) => {
    list ??= import('fxa-common-password-list').then((module) => module.default);
    return (await list).test(password);
  },
});
