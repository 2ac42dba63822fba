import { knowledgeErrors, textBlocks, tidy, type Block, type DocumentFormat, type Extractor } from '../../knowledge/index.ts';
import { htmlBlocks } from './html-blocks.ts';
import { markdownBlocks } from './markdown-blocks.ts';

const asText = (content: string | Uint8Array): string => (typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content));

/** A PDF's text, page by page (unpdf: pdf.js built for servers, no native code); loaded only when a PDF comes. */
const pdfBlocks = async (bytes: Uint8Array): Promise<Block[]> => {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.flatMap((page) => textBlocks(page.replace(/([^\n])\n(?!\n)/g, '$1 ')));
};

/** The extraction port: Markdown (marked), HTML (htmlparser2), PDF (unpdf), plain text. */
export const createExtractor = (): Extractor => ({
  blocks: async (format: DocumentFormat, content) => {
    try {
      switch (format) {
        case 'markdown':
          return markdownBlocks(asText(content));
        case 'html':
          return htmlBlocks(asText(content));
        case 'pdf':
          if (typeof content === 'string') throw new Error('a PDF arrives as bytes');
          return await pdfBlocks(content);
        case 'text':
          return textBlocks(tidy(asText(content)));
      }
    } catch (error) {
      throw knowledgeErrors.unreadableDocument(format, error);
    }
  },
});
