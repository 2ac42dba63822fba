/**
 * A document reduced to its structure, whatever its format: headings (with their depth, 1–6)
 * and blocks of running text (a paragraph, a list, a table, a code block). Adapters extract
 * blocks from Markdown, HTML, PDF and plain text; everything after that is format-free.
 */
export type Block = { type: 'heading'; depth: number; text: string } | { type: 'text'; text: string };

/** Characters of extracted text: what limits and `knowledge.ingest` credits count. */
export const charactersOf = (blocks: readonly Block[]): number => blocks.reduce((sum, block) => sum + block.text.length, 0);

/** Collapses runs of spaces and tabs and trims; keeps line breaks (lists and code need them). */
export const tidy = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** Plain text → blocks: paragraphs are separated by blank lines. */
export const textBlocks = (text: string): Block[] =>
  tidy(text)
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => ({ type: 'text' as const, text: paragraph }));
