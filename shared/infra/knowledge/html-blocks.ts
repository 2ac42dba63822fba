import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { tidy, type Block } from '../../knowledge/index.ts';

const skipped = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'svg',
  'iframe',
  'object',
  'canvas',
  'button',
  'select',
  'form',
]);
const blockLevel = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'aside',
  'header',
  'footer',
  'nav',
  'li',
  'ul',
  'ol',
  'pre',
  'blockquote',
  'table',
  'tr',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'details',
  'summary',
  'hr',
  'address',
  'body',
]);

/** Content a reader does not see is not content: hidden elements are dropped (and cannot smuggle instructions in). */
const isHidden = (element: Element): boolean => {
  const style = (element.attribs.style ?? '').toLowerCase().replace(/\s+/g, '');
  return (
    'hidden' in element.attribs ||
    element.attribs['aria-hidden'] === 'true' ||
    /display:none|visibility:hidden|font-size:0(?![.\d])|opacity:0(?![.\d])/.test(style)
  );
};

/** HTML → blocks with htmlparser2: h1–h6 are headings, block elements end a text block, comments and hidden parts are left out. */
export const htmlBlocks = (html: string): Block[] => {
  const blocks: Block[] = [];
  let buffer = '';
  const flush = () => {
    const text = tidy(buffer);
    if (text !== '') blocks.push({ type: 'text', text });
    buffer = '';
  };
  const walk = (nodes: readonly ChildNode[]) => {
    for (const node of nodes) {
      if (isText(node)) {
        buffer += node.data;
        continue;
      }
      if (!isTag(node)) continue;
      const element = node;
      const name = element.name.toLowerCase();
      if (skipped.has(name) || isHidden(element)) continue;
      const heading = /^h([1-6])$/.exec(name);
      if (heading) {
        flush();
        walk(element.children);
        const text = tidy(buffer);
        buffer = '';
        if (text !== '') blocks.push({ type: 'heading', depth: Number(heading[1]), text });
        continue;
      }
      if (name === 'br') buffer += '\n';
      if (name === 'li') buffer += '\n- ';
      if (name === 'td' || name === 'th') buffer += ' | ';
      const isBlock = blockLevel.has(name) && name !== 'li' && name !== 'tr';
      if (isBlock) flush();
      walk(element.children);
      if (name === 'tr') buffer += '\n';
      if (isBlock) flush();
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  flush();
  return blocks.map((block) =>
    block.type === 'text' ? { ...block, text: block.text.replace(/^\| /gm, '').replace(/^\n?- /, '- ') } : block,
  );
};
