import { z } from 'zod';

/** The file name of an article without `.md` (shared/knowledge/articles/README.md). */
export const articleSlugSchema = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens');

/** An article's front matter; nothing else is allowed in it. */
export const articleFrontMatterSchema = z
  .object({
    title: z.string().trim().min(3).max(120),
    tags: z
      .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'tags are lowercase kebab-case'))
      .min(1)
      .max(8),
    sources: z.array(z.object({ title: z.string().trim().min(1).max(300), url: z.url({ protocol: /^https$/ }) }).strict()),
  })
  .strict();
export type ArticleFrontMatter = z.infer<typeof articleFrontMatterSchema>;
