import { Lexer, type Token, type Tokens } from 'marked';
import { tidy, type Block } from '../../knowledge/index.ts';

/** The plain text of inline tokens: emphasis, links and code keep their words, lose their marks. */
const plain = (tokens: readonly Token[] | undefined, fallback: string): string => {
  if (tokens === undefined) return fallback;
  return tokens
    .map((token) => {
      if (token.type === 'br') return '\n';
      if (token.type === 'image') return (token as Tokens.Image).text;
      if (token.type === 'html') return '';
      if ('tokens' in token && Array.isArray(token.tokens)) return plain(token.tokens, 'text' in token ? String(token.text) : '');
      return 'text' in token ? String(token.text) : '';
    })
    .join('');
};

const listText = (list: Tokens.List): string =>
  list.items
    .map(
      (item, index) =>
        `${list.ordered ? `${Number(list.start || 1) + index}.` : '-'} ${plain(item.tokens, item.text).replace(/\n+/g, ' ')}`,
    )
    .join('\n');

const tableText = (table: Tokens.Table): string =>
  [table.header, ...table.rows].map((row) => row.map((cell) => plain(cell.tokens, cell.text)).join(' | ')).join('\n');

const blocksOf = (tokens: readonly Token[]): Block[] =>
  tokens.flatMap((token): Block[] => {
    switch (token.type) {
      case 'heading':
        return [
          { type: 'heading', depth: (token as Tokens.Heading).depth, text: tidy(plain((token as Tokens.Heading).tokens, token.raw)) },
        ];
      case 'paragraph':
      case 'text':
        return [{ type: 'text', text: tidy(plain((token as Tokens.Paragraph).tokens, String((token as Tokens.Text).text))) }];
      case 'list':
        return [{ type: 'text', text: tidy(listText(token as Tokens.List)) }];
      case 'code':
        return [{ type: 'text', text: (token as Tokens.Code).text.trim() }];
      case 'table':
        return [{ type: 'text', text: tidy(tableText(token as Tokens.Table)) }];
      case 'blockquote':
        return blocksOf((token as Tokens.Blockquote).tokens);
      default:
        // space, hr, raw HTML blocks, definitions: no running text of their own.
        return [];
    }
  });

/** Markdown → blocks, with marked's lexer (headings, paragraphs, lists, tables, code, quotes). */
export const markdownBlocks = (markdown: string): Block[] =>
  blocksOf(new Lexer({ gfm: true }).lex(markdown.replace(/^\uFEFF/, ''))).filter((block) => block.text.length > 0);
