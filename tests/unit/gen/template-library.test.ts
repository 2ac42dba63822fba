import { describe, expect, it } from 'vitest';
import { libraryEntries, renderTemplateIndex } from '../../../scripts/gen/template-library.ts';

describe('the built-in template index', () => {
  it('should list the files by category, then slug', () => {
    expect(
      libraryEntries(['commerce/checkout.uxflow.json', 'authentication/sign-up.uxflow.json', 'authentication/login.uxflow.json']),
    ).toEqual([
      { category: 'authentication', slug: 'login' },
      { category: 'authentication', slug: 'sign-up' },
      { category: 'commerce', slug: 'checkout' },
    ]);
  });

  it.each([
    ['a file outside a category folder', 'login.uxflow.json'],
    ['a file that is not .uxflow.json', 'authentication/login.json'],
    ['capitals in the slug', 'authentication/Login.uxflow.json'],
    ['a space in the category', 'sign in/login.uxflow.json'],
    ['a nested folder', 'authentication/extra/login.uxflow.json'],
  ])('should refuse %s, naming it', (_case, file) => {
    expect(() => libraryEntries([file])).toThrow(file);
  });

  it('should refuse two templates with one slug (the slug is the id)', () => {
    expect(() => libraryEntries(['account/settings.uxflow.json', 'billing/settings.uxflow.json'])).toThrow(/settings\.uxflow\.json/);
  });

  it('should import each file as JSON and list it with its category and slug', () => {
    const { content } = renderTemplateIndex([{ category: 'commerce', slug: 'gift-cards' }]);
    expect(content).toContain("import commerce_giftCards from './library/commerce/gift-cards.uxflow.json' with { type: 'json' };");
    expect(content).toContain("{ category: 'commerce', slug: 'gift-cards', json: commerce_giftCards },");
  });
});
