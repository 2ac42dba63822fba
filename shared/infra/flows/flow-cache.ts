import type { FlowCache, FlowVersion } from '../../flows/index.ts';
import { DomainError } from '../../kernel/index.ts';
import { defineRedisKeys } from '../upstash/redis-keys.ts';
import type { UpstashScripts } from '../upstash/upstash-scripts.ts';
import { decodeVersion, encodeVersion } from './version-codec.ts';

/**
 * One hash per flow: `v` (the latest version number known) and `body` (that version, when cached).
 * Every change is one Lua script, so compare-and-set is atomic in Redis.
 * put: stores `body` at `v` unless a newer `v` is there. fence: raises `v` and drops the body.
 */
const putScript = `
local cur = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
local v = tonumber(ARGV[1])
if cur > v then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'body', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

const fenceScript = `
local cur = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
local v = tonumber(ARGV[1])
if cur > v then return 0 end
if cur == v and redis.call('HEXISTS', KEYS[1], 'body') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1])
redis.call('HDEL', KEYS[1], 'body')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** `flows:latest:<flowId>`: a flow's latest version (document, author id) and its fence. */
export const flowCacheKeys = defineRedisKeys({
  prefix: 'flows:latest:',
  ttl: 'an hour',
  privacy: {
    classes: ['user-content', 'pseudonymous'],
    personalData: ['content', 'identity'],
    retention: 'cache',
    subject: null,
    export: { none: 'a copy of the latest version for an hour; the flows are exported from MongoDB' },
    erase: { none: 'expires within an hour; a flow deleted with its workspace is fenced, then expires' },
  },
});

const getScript = `return redis.call('HGET', KEYS[1], 'body')`;

export interface FlowCacheOptions {
  /** Key prefix (tests use their own). */
  prefix?: string;
  /** How long a cached version lives, ms. */
  ttlMs?: number;
  /** How long a fence outlives a writer that never finished, ms. */
  fenceMs?: number;
  /** Larger documents are not cached (Redis request limits); they are read from the database. */
  maxBytes?: number;
}

/**
 * The flow cache on Upstash Redis. Reads and puts never fail a request (a miss goes to the
 * database); a fence that cannot be written fails the write before it commits.
 */
export const createFlowCache = (redis: UpstashScripts, options: FlowCacheOptions = {}): FlowCache => {
  const { prefix = flowCacheKeys.prefix, ttlMs = 3_600_000, fenceMs = 60_000, maxBytes = 512 * 1024 } = options;
  const key = (flowId: string) => `${prefix}${flowId}`;
  return {
    get: async (flowId) => {
      try {
        const body = await redis.eval(getScript, [key(flowId)], []);
        return typeof body === 'string' ? decodeVersion(body) : null;
      } catch {
        return null;
      }
    },
    put: async (version: FlowVersion) => {
      const body = encodeVersion(version);
      if (body.length > maxBytes) return;
      try {
        await redis.eval(putScript, [key(version.flowId)], [version.versionNumber, body, ttlMs]);
      } catch {
        // A cache that missed a put serves from the database; the fence of the next write still holds.
      }
    },
    fence: async (flowId, versionNumber) => {
      try {
        await redis.eval(fenceScript, [key(flowId)], [versionNumber, fenceMs]);
      } catch (cause) {
        throw new DomainError('unavailable', 'FLOW_CACHE_UNAVAILABLE', { detail: 'Flows cannot be changed right now; try again.', cause });
      }
    },
  };
};
