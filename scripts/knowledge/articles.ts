import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { markdownBlocks } from '../../shared/infra/knowledge/markdown-blocks.ts';
import { articleFrontMatterSchema, articleSlugSchema, type Article } from '../../shared/knowledge/index.ts';
import { fromRoot } from '../lib/paths.ts';

/** The global knowledge base's articles. */
export const articlesDir = fromRoot('shared/knowledge/articles');

const frontMatter = /^---\r?\n([^]*?)\r?\n---\r?\n([^]*)$/;

/** One article file → an Article; throws naming the file and the broken rule (see the folder's README). */
export const parseArticle = (fileName: string, source: string): Article => {
  const fail = (why: string) => new Error(`${fileName}: ${why}`);
  const slug = articleSlugSchema.safeParse(fileName.replace(/\.md$/, ''));
  if (!slug.success) throw fail(`the file name is not a slug (${slug.error.issues[0]?.message ?? 'invalid'})`);
  const parts = frontMatter.exec(source.replace(/^\uFEFF/, ''));
  if (!parts) throw fail('no front matter (a YAML block between two --- lines at the top)');
  const meta = articleFrontMatterSchema.safeParse(parse(parts[1] ?? ''));
  if (!meta.success) throw fail(meta.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const blocks = markdownBlocks(parts[2] ?? '');
  if (blocks.length === 0) throw fail('the body is empty');
  return {
    slug: slug.data,
    title: meta.data.title,
    tags: meta.data.tags,
    blocks,
    hash: createHash('sha256').update(source).digest('hex').slice(0, 32),
  };
};

/** Every article of a folder (README.md excepted), sorted by slug. */
export const loadArticles = async (dir: string = articlesDir): Promise<Article[]> => {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md') && name !== 'README.md').sort();
  return Promise.all(files.map(async (name) => parseArticle(name, await readFile(join(dir, name), 'utf8'))));
};
