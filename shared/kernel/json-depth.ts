import { z } from 'zod';

/**
 * Whether `value` nests objects and arrays more than `max` levels deep (a scalar is level 0, `{}`
 * and `[]` level 1). Iterative, with an explicit stack, and it stops at the first level past `max`:
 * `JSON.parse` accepts a 200 KB `[[[[…]]]]` of 100,000 levels, on which any recursive walk —
 * `JSON.stringify`, `structuredClone`, a diff — throws `RangeError`.
 */
export const nestsDeeperThan = (value: unknown, max: number): boolean => {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
};

/** A JSON object taken from outside whose nesting is bounded (see `nestsDeeperThan`). */
export const boundedJsonObjectSchema = (maxDepth: number) =>
  z
    .record(z.string(), z.unknown())
    .refine((value) => !nestsDeeperThan(value, maxDepth), { message: `nests deeper than ${maxDepth} levels` });
