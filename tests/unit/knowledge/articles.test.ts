import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { articlesDir, loadArticles } from '../../../scripts/knowledge/articles.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { articleSlugSchema, chunkBlocks, screenText, type Article } from '../../../shared/knowledge/index.ts';

/**
 * The global knowledge base against the rules of shared/knowledge/articles/README.md. The seed
 * script's own loader (zod front matter, slug = file name, https sources) runs first; the checks
 * below add what the loader leaves to authors: length, headings, no markup, nothing that reads as
 * an instruction to a model.
 */
const questionsSchema = z
  .array(
    z
      .object({
        id: z.string().regex(/^q-\d{3}$/),
        question: z.string().min(10).max(300),
        articles: z.array(articleSlugSchema).min(1).max(3),
      })
      .strict(),
  )
  .min(40);

const techniques = [
  'instruction-override',
  'role-marker',
  'persona',
  'prompt-leak',
  'exfiltration',
  'hidden-text',
  'encoded',
  'tool-abuse',
  'embedded',
  'multilingual',
] as const;
const injectionsSchema = z
  .array(z.object({ id: z.string().regex(/^inj-\d{3}$/), technique: z.enum(techniques), text: z.string().min(1).max(4000) }).strict())
  .min(60);
const benignSchema = z.array(z.object({ id: z.string().regex(/^ben-\d{3}$/), text: z.string().min(1).max(4000) }).strict()).min(60);
const fixture = async (name: string): Promise<unknown> => JSON.parse(await readFile(fromRoot('tests/fixtures/knowledge', name), 'utf8'));

/** Lines that are unmistakably aimed at a model, whatever the screening rules say about the whole text. */
const injectionMarkers = [
  /\b(?:ignore|disregard|forget)\b.{0,30}\b(?:instructions|prompt|rules)\b/i,
  /^\s*(?:system|assistant|user|developer)\s*:/i,
  /<\|[a-z_]+\|>|\[\/?INST\]|<<\/?SYS>>/i,
  /\byou are (?:now |an? )?(?:ai|assistant|language model|chat ?bot)\b/i,
  /\b(?:as an ai|ai assistant|language model)\b/i,
];

const words = (text: string): number => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
const bodyOf = (source: string): string => source.replace(/^---\r?\n[^]*?\r?\n---\r?\n/, '');

let articles: Article[];
const sources = new Map<string, string>();

beforeAll(async () => {
  articles = await loadArticles();
  const files = (await readdir(articlesDir)).filter((name) => name.endsWith('.md') && name !== 'README.md');
  for (const name of files) sources.set(name.replace(/\.md$/, ''), await readFile(join(articlesDir, name), 'utf8'));
});

describe('the global knowledge base articles', () => {
  it('should hold at least 64 articles, each passing the seed loader', () => {
    expect(articles.length).toBeGreaterThanOrEqual(64);
    expect(new Set(articles.map((article) => article.title)).size).toBe(articles.length);
  });

  it('should keep every body between 150 and 500 words', () => {
    const outside = [...sources].map(([slug, source]) => [slug, words(bodyOf(source))] as const).filter(([, n]) => n < 150 || n > 500);
    expect(outside).toEqual([]);
  });

  it('should use ## sections, never a # title heading, and at least two sections', () => {
    for (const article of articles) {
      const headings = article.blocks.filter((block) => block.type === 'heading');
      expect(
        headings.filter((h) => h.depth === 1),
        article.slug,
      ).toEqual([]);
      expect(headings.filter((h) => h.depth === 2).length, article.slug).toBeGreaterThanOrEqual(2);
    }
  });

  it('should contain no HTML, images or front-matter-like lines in the body', () => {
    for (const [slug, source] of sources) {
      const body = bodyOf(source);
      expect(body, slug).not.toMatch(/<\/?[a-z][a-z0-9-]*[\s>/]|!\[/i);
      expect(body, slug).not.toMatch(/^(?:---\s*$|(?:title|tags|sources)\s*:)/m);
    }
  });

  it('should contain no line that looks like an instruction to a model', () => {
    for (const [slug, source] of sources) {
      const marked = bodyOf(source)
        .split('\n')
        .filter((line) => injectionMarkers.some((marker) => marker.test(line)));
      expect(marked, slug).toEqual([]);
    }
  });

  it('should pass the injection screening chunk by chunk, as the seed embeds them', () => {
    const flagged = articles.flatMap((article) =>
      chunkBlocks(article.title, article.blocks)
        .map((chunk) => ({ slug: article.slug, text: chunk.text, result: screenText(chunk.text) }))
        .filter((entry) => entry.result.flagged),
    );
    expect(flagged).toEqual([]);
  });

  it('should cite only distinct https sources within an article', () => {
    for (const [slug, source] of sources) {
      const urls = [...source.matchAll(/^\s+url: (\S+)$/gm)].map((match) => match[1]);
      expect(
        urls.every((url) => url?.startsWith('https://')),
        slug,
      ).toBe(true);
      expect(new Set(urls).size, slug).toBe(urls.length);
    }
  });
});

describe('the labelled retrieval questions', () => {
  it('should be well-formed, with unique ids and questions, naming only existing articles', async () => {
    const questions = questionsSchema.parse(await fixture('questions.json'));
    const slugs = new Set(articles.map((article) => article.slug));
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => q.question.toLowerCase())).size).toBe(questions.length);
    expect(questions.flatMap((q) => q.articles.filter((slug) => !slugs.has(slug)))).toEqual([]);
    expect(questions.filter((q) => new Set(q.articles).size !== q.articles.length)).toEqual([]);
  });
});

describe('the screening fixtures', () => {
  it('should hold injections in the documented format, at least 4 per technique', async () => {
    const injections = injectionsSchema.parse(await fixture('injections.json'));
    expect(new Set(injections.map((i) => i.id)).size).toBe(injections.length);
    for (const technique of techniques)
      expect(injections.filter((i) => i.technique === technique).length, technique).toBeGreaterThanOrEqual(4);
  });

  it('should hold benign texts in the documented format, none repeating an injection', async () => {
    const benign = benignSchema.parse(await fixture('benign.json'));
    const injections = injectionsSchema.parse(await fixture('injections.json'));
    expect(new Set(benign.map((b) => b.id)).size).toBe(benign.length);
    const attacks = new Set(injections.map((i) => i.text));
    expect(benign.filter((b) => attacks.has(b.text))).toEqual([]);
  });
});
