import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The repository states its own product and design rules (docs/product.md, docs/architecture.md):
 * no tracked file may send a reader to documents outside it, or to issue numbers of a tracker.
 */
const outsideReference = /\.\.\/shared\/[A-Z]|\b(PRODUCT|DESIGN|STYLE|FORMATS)\.md\b|\bissue \d+\b/;

const trackedText = () =>
  execFileSync('git', ['ls-files'], { encoding: 'utf8' })
    .split('\n')
    .filter(
      (file) => /\.(ts|mjs|js|md|ya?ml|json|tf)$/.test(file) && file !== 'package-lock.json' && !file.endsWith('self-contained.test.ts'),
    );

describe('the repository is self-contained', () => {
  it('should refer to no document outside the repository when any tracked file is read', () => {
    const offenders = trackedText().flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (outsideReference.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
