import { describe, expect, it } from 'vitest';
import { chunkBlocks, reciprocalRankFusion, extractiveAnswer, type Block } from '../../../shared/knowledge/index.ts';

const sentence = (i: number) => `Sentence ${i} explains why a checkout form with fewer fields converts better for buyers.`;

describe('chunkBlocks', () => {
  it('should start a new chunk at every heading and keep the heading path', () => {
    const blocks: Block[] = [
      { type: 'text', text: 'Intro.' },
      { type: 'heading', depth: 2, text: 'Errors' },
      { type: 'text', text: 'Say what went wrong.' },
      { type: 'heading', depth: 3, text: 'Fields' },
      { type: 'text', text: 'Keep what was typed.' },
      { type: 'heading', depth: 2, text: 'Recovery' },
      { type: 'text', text: 'Offer a reset link.' },
    ];
    expect(chunkBlocks('Login', blocks).map((chunk) => [chunk.headingPath, chunk.text])).toEqual([
      [['Login'], 'Intro.'],
      [['Login', 'Errors'], 'Say what went wrong.'],
      [['Login', 'Errors', 'Fields'], 'Keep what was typed.'],
      [['Login', 'Recovery'], 'Offer a reset link.'],
    ]);
  });

  it('should split a long section into chunks that overlap by whole sentences', () => {
    const text = Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkBlocks('Doc', [{ type: 'text', text }], { maxChars: 600, overlapChars: 120 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(600);
    for (const [index, chunk] of chunks.slice(1).entries()) {
      const previous = chunks[index]!.text;
      const firstSentence = chunk.text.split(/(?<=\.)\s+/)[0]!;
      expect(previous).toContain(firstSentence);
    }
  });

  it('should give the same chunks for the same blocks', () => {
    const blocks: Block[] = [{ type: 'text', text: Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ') }];
    expect(chunkBlocks('Doc', blocks)).toEqual(chunkBlocks('Doc', blocks));
  });
});

describe('reciprocalRankFusion', () => {
  it('should rank first the item both rankings place high', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['b', 'c', 'a'],
    ]);
    expect(fused.map((item) => item.id)).toEqual(['b', 'a', 'c']);
  });

  it('should let the heavier ranking decide between items the rankings place in opposite orders', () => {
    const rankings = [
      ['a', 'b'],
      ['b', 'a'],
    ];
    expect(reciprocalRankFusion(rankings, 1, [2, 1]).map((item) => item.id)).toEqual(['a', 'b']);
    expect(reciprocalRankFusion(rankings, 1, [1, 2]).map((item) => item.id)).toEqual(['b', 'a']);
  });
});

describe('extractiveAnswer', () => {
  it('should answer with the passages’ own sentences, each cited', () => {
    const answer = extractiveAnswer('How do I report a wrong password?', [
      { citation: 1, text: 'Tell people the e-mail or the password is wrong. Keep the e-mail they typed.' },
      { citation: 2, text: 'Celebrate the end of onboarding with a short message.' },
    ]);
    expect(answer).toBe('Tell people the e-mail or the password is wrong. [1]');
  });

  it('should return null when no sentence shares a word with the question', () => {
    expect(extractiveAnswer('zebra?', [{ citation: 1, text: 'Nothing about the animal is in this sentence at all.' }])).toBeNull();
  });
});
