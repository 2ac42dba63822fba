import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { screenText } from '../../../shared/knowledge/index.ts';

const fixture = (name: string) =>
  z
    .array(z.object({ id: z.string(), text: z.string() }))
    .parse(JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/knowledge/${name}.json`, import.meta.url)), 'utf8')));

// The thresholds the product promises; the bench prints the same figures.
describe('screening over the fixture corpus', () => {
  it('should detect at least 90 % of the injection attempts', () => {
    const injections = fixture('injections');
    const missed = injections.filter((item) => !screenText(item.text).flagged).map((item) => item.id);
    expect(injections.length).toBeGreaterThanOrEqual(60);
    expect({ rate: 1 - missed.length / injections.length, missed }).toEqual({ rate: expect.toSatisfy((r: number) => r >= 0.9), missed });
  });

  it('should flag at most 5 % of the benign UX texts', () => {
    const benign = fixture('benign');
    const flagged = benign.filter((item) => screenText(item.text).flagged).map((item) => item.id);
    expect(benign.length).toBeGreaterThanOrEqual(60);
    expect({ rate: flagged.length / benign.length, flagged }).toEqual({ rate: expect.toSatisfy((r: number) => r <= 0.05), flagged });
  });
});
