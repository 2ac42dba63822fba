import type { Block } from './blocks.ts';

/** One piece of a document as it is embedded and indexed. */
export interface Chunk {
  /** 0, 1, 2… in document order. */
  ordinal: number;
  /** The document title, then the headings above the chunk, outermost first. */
  headingPath: string[];
  /** The chunk's own text (with the overlap from the chunk before it in the same section). */
  text: string;
}

export interface ChunkingOptions {
  /** The longest chunk, in characters (a block longer than this is split at sentences, then words). */
  maxChars: number;
  /** Characters of the previous chunk repeated at the start of the next one in the same section. */
  overlapChars: number;
}

/**
 * About 150 words a chunk: small enough that a chunk is about one thing (precise citations), large
 * enough to carry its context; the local embedder reads 512 tokens at most.
 */
export const defaultChunking: ChunkingOptions = { maxChars: 1000, overlapChars: 150 };

const sentenceEnd = /(?<=[.!?…])\s+(?=[\p{Lu}\p{N}"'“(\[])/u;

/** Pieces of at most `max` characters: whole sentences where possible, else whole words, else hard cuts. */
export const splitLong = (text: string, max: number): string[] => {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  const units = text.split(sentenceEnd).flatMap((sentence) => (sentence.length <= max ? [sentence] : sentence.split(/(?<=\s)/)));
  for (const unit of units.flatMap((u) => (u.length <= max ? [u] : (u.match(new RegExp(`[^]{1,${max}}`, 'g')) ?? [])))) {
    const joined = current === '' ? unit : current.endsWith(' ') || current.endsWith('\n') ? current + unit : `${current} ${unit}`;
    if (joined.length > max && current !== '') {
      pieces.push(current.trim());
      current = unit;
    } else {
      current = joined;
    }
  }
  if (current.trim() !== '') pieces.push(current.trim());
  return pieces;
};

/** The end of `text`, at most `chars` long, starting at a sentence (or at least a word) boundary. */
export const tailOf = (text: string, chars: number): string => {
  if (chars <= 0 || text.length <= chars) return chars <= 0 ? '' : text;
  const tail = text.slice(text.length - chars);
  const sentence = tail.search(/[.!?…]\s+\S/u);
  if (sentence >= 0) return tail.slice(sentence + 1).trim();
  const space = tail.indexOf(' ');
  return (space >= 0 ? tail.slice(space + 1) : tail).trim();
};

/**
 * Splits a document into chunks that respect its structure: a heading always starts a new chunk
 * (and each chunk remembers the headings above it), blocks are kept whole while they fit, and a
 * section longer than one chunk continues with an overlap so that a sentence cut at a boundary
 * is still read whole by one of the two chunks. Pure and deterministic: the same blocks give the
 * same chunks, which is what makes re-ingestion idempotent.
 */
export const chunkBlocks = (title: string, blocks: readonly Block[], options: ChunkingOptions = defaultChunking): Chunk[] => {
  const chunks: Chunk[] = [];
  const headings: { depth: number; text: string }[] = [];
  let body: string[] = [];
  let size = 0;
  // Pieces of the current section not yet in any chunk (the carried-over tail does not count).
  let own = 0;
  const path = () => [title, ...headings.map((heading) => heading.text)].filter((part) => part !== '');
  const flush = (carryOver: boolean) => {
    if (own === 0) return;
    own = 0;
    const text = body.join('\n\n');
    chunks.push({ ordinal: chunks.length, headingPath: path(), text });
    const tail = carryOver ? tailOf(text, options.overlapChars) : '';
    body = tail === '' ? [] : [tail];
    size = tail.length;
  };
  for (const block of blocks) {
    if (block.type === 'heading') {
      flush(false);
      body = [];
      size = 0;
      own = 0;
      while (headings.length > 0 && (headings[headings.length - 1]?.depth ?? 0) >= block.depth) headings.pop();
      headings.push({ depth: block.depth, text: block.text });
      continue;
    }
    for (const piece of splitLong(block.text, options.maxChars - options.overlapChars)) {
      if (size + piece.length + 2 > options.maxChars && own > 0) flush(true);
      body.push(piece);
      size += piece.length + 2;
      own += 1;
    }
  }
  flush(false);
  return chunks;
};
