import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInTemplates, lintFlow } from '../../../shared/flows/index.ts';
import { articleTitles, planJourney, proposedOperations, readDescription } from '../../../shared/ai/offline/index.ts';
import { templateUses } from '../../../shared/ai/offline/catalog.ts';
import { patterns } from '../../../shared/ai/offline/patterns.ts';
import { applied, blank } from './offline-kit.ts';

const articleTitle = (slug: string) =>
  /^title: (.+)$/m.exec(readFileSync(new URL(`../../../shared/knowledge/articles/${slug}.md`, import.meta.url), 'utf8'))?.[1];

describe('the offline planner’s catalog', () => {
  it.each(Object.entries(articleTitles))('should cite the knowledge base article %s by its real title', (slug, title) => {
    expect(articleTitle(slug)).toBe(title);
  });

  it.each([...templateUses.flatMap((use) => use.articles), ...patterns.flatMap((pattern) => pattern.article ?? [])])(
    'should name only articles it knows the title of (%s)',
    (slug) => {
      expect(articleTitles[slug]).toBeDefined();
    },
  );

  it.each(templateUses.map((use) => [use.template, use] as const))('should use the built-in template %s and its nodes', (id, use) => {
    const template = builtInTemplates.find((found) => found.id === id);
    const ids = new Set(template?.document.nodes.map((node) => node.id));
    const named = [use.success, use.form, use.session, ...(use.links ?? []).map((link) => link.end)].filter((found) => found !== undefined);
    expect(named.filter((found) => !ids.has(found))).toEqual([]);
  });

  it.each(patterns.map((pattern) => [pattern.key, pattern] as const))(
    'should draw the %s journey from its example, with no lint finding at all',
    (key, pattern) => {
      expect(readDescription(pattern.example).segments.map((segment) => segment.key)).toContain(key);
      const { document, errors } = applied(blank(), proposedOperations(planJourney(blank(), pattern.example)));
      expect(errors).toEqual([]);
      expect(lintFlow(document)).toEqual([]);
    },
  );
});
