import { knowledgeErrors, textBlocks, tidy, type Block, type DocumentFormat, type Extractor } from '../../knowledge/index.ts';

const asText = (content: string | Uint8Array): string => (typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content));

/** A PDF's text, page by page (unpdf: pdf.js built for servers, no native code); loaded only when a PDF comes. */
const pdfBlocks = async (bytes: Uint8Array): Promise<Block[]> => {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.flatMap((page) => textBlocks(page.replace(/([^\n])\n(?!\n)/g, '$1 ')));
};

/**
 * The extraction port: Markdown (marked), HTML (htmlparser2), PDF (unpdf), plain text. Each parser
 * is imported when its first document comes: marked alone builds ~13 ms of regular expressions as
 * it loads, which a cold instance that answers anything else should not pay.
 */
export const createExtractor = (): Extractor => ({
  blocks: async (format: DocumentFormat, content) => {
    try {
      switch (format) {
        case 'markdown':
          return (await import('./markdown-blocks.ts')).markdownBlocks(asText(content));
        case 'html':
          return (await import('./html-blocks.ts')).htmlBlocks(asText(content));
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
