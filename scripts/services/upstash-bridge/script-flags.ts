import { createHash } from 'node:crypto';
import type { Command } from './commands.ts';

// The script flags Redis 7 knows; Upstash accepts more (e.g. `allow-key-locking`, which
// @upstash/ratelimit puts on every script) and Redis refuses a script naming one it does not know.
const redisFlags = new Set(['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys']);
const shebang = /^#!lua(?:[ \t]+flags=([^\s]*))?[ \t]*(?=\r?\n|$)/;

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The script with flags Redis does not know removed from its `#!lua flags=…` line. */
export function stripUnknownFlags(script: string): string {
  const match = shebang.exec(script);
  if (match === null || match[1] === undefined) return script;
  const kept = match[1].split(',').filter((flag) => redisFlags.has(flag));
  const line = kept.length > 0 ? `#!lua flags=${kept.join(',')}` : '#!lua';
  return line + script.slice(match[0].length);
}

/**
 * Rewrites scripting commands so that scripts written for Upstash run on Redis while the
 * caller keeps using the sha1 of *its* script text: EVAL and SCRIPT LOAD strip unknown flags
 * and remember which sha Redis knows the script by; EVALSHA and SCRIPT EXISTS translate.
 * An unknown sha passes through, so Redis answers NOSCRIPT and the client falls back to EVAL.
 */
export function createScriptRewriter(): (command: Command) => Command {
  const redisShaByClientSha = new Map<string, string>();

  const remember = (script: string): string => {
    const stripped = stripUnknownFlags(script);
    if (stripped !== script) redisShaByClientSha.set(sha1(script), sha1(stripped));
    return stripped;
  };
  const translate = (sha: string): string => redisShaByClientSha.get(sha.toLowerCase()) ?? sha;

  return (command) => {
    const [name, ...args] = command;
    const lower = name.toLowerCase();
    const [first, ...rest] = args;
    if (first === undefined) return command;
    if (lower === 'eval' || lower === 'eval_ro') return [name, remember(first), ...rest];
    if (lower === 'evalsha' || lower === 'evalsha_ro') return [name, translate(first), ...rest];
    if (lower === 'script' && first.toLowerCase() === 'load' && rest[0] !== undefined) {
      return [name, first, remember(rest[0]), ...rest.slice(1)];
    }
    if (lower === 'script' && first.toLowerCase() === 'exists') return [name, first, ...rest.map(translate)];
    return command;
  };
}

/** SCRIPT LOAD must answer with the sha of the caller's script, not of the stripped one. */
export function clientShaForLoad(command: Command): string | null {
  const [name, subcommand, script] = command;
  const isLoad = name.toLowerCase() === 'script' && subcommand?.toLowerCase() === 'load';
  return isLoad && script !== undefined ? sha1(script) : null;
}
