import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * A merge that was committed with its conflict unresolved: git's markers, or the same markers after
 * prettier turned `>>>>>>> branch` into a Markdown quote (`> > > > > > > branch`).
 */
const marker = /^(<{7} |>{7} |={7}$|(> ){6}> |\| ={7} )/;

describe('no unresolved merge', () => {
  it('should find no conflict marker when every tracked text file is read', () => {
    const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
      .split('\n')
      .filter((file) => /\.(ts|mjs|js|md|ya?ml|json|tf|txt|sh)$|Dockerfile$/.test(file) && !file.endsWith('conflict-markers.test.ts'));
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (marker.test(line) ? [`${file}:${index + 1}: ${line}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
