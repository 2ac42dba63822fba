import { describe, expect, it } from 'vitest';
import {
  clientShaForLoad,
  createScriptRewriter,
  sha1,
  stripUnknownFlags,
} from '../../../../scripts/services/upstash-bridge/script-flags.ts';

const upstashScript = '#!lua flags=allow-key-locking\n  return redis.call("GET", KEYS[1])\n';

describe('stripUnknownFlags', () => {
  it.each([
    ['only unknown flags', upstashScript, '#!lua\n  return redis.call("GET", KEYS[1])\n'],
    ['known and unknown flags', '#!lua flags=no-writes,allow-key-locking\nreturn 1', '#!lua flags=no-writes\nreturn 1'],
    ['no shebang', 'return 1', 'return 1'],
    ['a shebang without flags', '#!lua\nreturn 1', '#!lua\nreturn 1'],
  ])('should keep only flags Redis knows when the script has %s', (_label, script, expected) => {
    expect(stripUnknownFlags(script)).toBe(expected);
  });
});

describe('createScriptRewriter', () => {
  it('should send EVALSHA with the sha Redis knows when the script went through EVAL before', () => {
    const rewrite = createScriptRewriter();
    const redisSha = sha1(stripUnknownFlags(upstashScript));

    expect(rewrite(['EVAL', upstashScript, '1', 'k'])).toEqual(['EVAL', stripUnknownFlags(upstashScript), '1', 'k']);
    expect(rewrite(['evalsha', sha1(upstashScript), '1', 'k'])).toEqual(['evalsha', redisSha, '1', 'k']);
  });

  it('should pass an unknown sha through when the script was never seen', () => {
    const rewrite = createScriptRewriter();

    expect(rewrite(['EVALSHA', 'abc', '0'])).toEqual(['EVALSHA', 'abc', '0']);
  });

  it('should translate SCRIPT EXISTS when the script was loaded with SCRIPT LOAD', () => {
    const rewrite = createScriptRewriter();
    rewrite(['SCRIPT', 'LOAD', upstashScript]);

    expect(rewrite(['SCRIPT', 'EXISTS', sha1(upstashScript)])).toEqual(['SCRIPT', 'EXISTS', sha1(stripUnknownFlags(upstashScript))]);
  });

  it('should leave other commands alone when they are not about scripts', () => {
    expect(createScriptRewriter()(['SET', 'k', '#!lua flags=x'])).toEqual(['SET', 'k', '#!lua flags=x']);
  });
});

describe('clientShaForLoad', () => {
  it('should answer the sha of the original script when the command is SCRIPT LOAD', () => {
    expect(clientShaForLoad(['script', 'load', upstashScript])).toBe(sha1(upstashScript));
    expect(clientShaForLoad(['GET', 'k'])).toBeNull();
  });
});
