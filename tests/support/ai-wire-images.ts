/**
 * The image content parts of each provider's wire format, checked as the real APIs check them: a
 * part of a type the API does not know, an image whose base64 does not decode, or whose bytes are
 * not the format its media type says, is a 400 `invalid_request_error` (the providers refuse such
 * requests before any model runs). What arrived is kept for the test to compare.
 */
export interface WireImage {
  mediaType: string;
  bytes: Buffer;
}

export class WirePartError extends Error {}

const signatures: Record<string, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/gif': [0x47, 0x49, 0x46, 0x38],
  'image/webp': [0x52, 0x49, 0x46, 0x46],
};

const decode = (mediaType: string, data: unknown): WireImage => {
  if (typeof data !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw new WirePartError('image data is not base64');
  const bytes = Buffer.from(data, 'base64');
  const signature = signatures[mediaType];
  if (!signature) throw new WirePartError(`unsupported image media type ${mediaType}`);
  if (!signature.every((byte, index) => bytes[index] === byte)) throw new WirePartError(`the image is not a valid ${mediaType}`);
  return { mediaType, bytes };
};

const partsOf = (content: unknown): Record<string, unknown>[] => (Array.isArray(content) ? (content as Record<string, unknown>[]) : []);

/** OpenAI chat completions: `text`, `image_url` (a data URL; an https URL is taken as is), `input_audio`, `file`. */
const openAiImages = (body: Record<string, unknown>): WireImage[] =>
  ((body.messages as { content?: unknown }[] | undefined) ?? []).flatMap((message) =>
    partsOf(message.content).flatMap((part): WireImage[] => {
      if (part.type === 'text' || part.type === 'input_audio' || part.type === 'file') return [];
      if (part.type !== 'image_url') throw new WirePartError(`unknown content part type ${String(part.type)}`);
      const url = (part.image_url as { url?: unknown } | undefined)?.url;
      if (typeof url !== 'string') throw new WirePartError('image_url.url must be a string');
      if (/^https?:\/\//.test(url)) return [];
      const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
      if (!data) throw new WirePartError('image_url is neither an http(s) URL nor a base64 data URL');
      return [decode(data[1]!, data[2])];
    }),
  );

/** Anthropic messages: `text`, `image` (base64 or url source), `document`, `tool_use`, `tool_result`. */
const anthropicImages = (body: Record<string, unknown>): WireImage[] =>
  ((body.messages as { content?: unknown }[] | undefined) ?? []).flatMap((message) =>
    partsOf(message.content).flatMap((part): WireImage[] => {
      if (['text', 'document', 'tool_use', 'tool_result'].includes(String(part.type))) return [];
      if (part.type !== 'image') throw new WirePartError(`unknown content block type ${String(part.type)}`);
      const source = (part.source ?? {}) as { type?: string; media_type?: string; data?: unknown };
      if (source.type === 'url') return [];
      if (source.type !== 'base64') throw new WirePartError('image.source.type must be base64 or url');
      return [decode(String(source.media_type), source.data)];
    }),
  );

/** Gemini generateContent: parts of `text`, `inlineData`, `fileData`, `functionCall`, `functionResponse`. */
const geminiImages = (body: Record<string, unknown>): WireImage[] =>
  ((body.contents as { parts?: unknown }[] | undefined) ?? []).flatMap((content) =>
    partsOf(content.parts).flatMap((part): WireImage[] => {
      if ('text' in part || 'fileData' in part || 'functionCall' in part || 'functionResponse' in part) return [];
      const inline = part.inlineData as { mimeType?: string; data?: unknown } | undefined;
      if (!inline) throw new WirePartError(`unknown part ${Object.keys(part).join(',')}`);
      return [decode(String(inline.mimeType), inline.data)];
    }),
  );

/** The images of a request. @throws WirePartError (answered 400). */
export const imagesOf = (kind: 'openai' | 'anthropic' | 'google', body: Record<string, unknown>): WireImage[] =>
  kind === 'openai' ? openAiImages(body) : kind === 'anthropic' ? anthropicImages(body) : geminiImages(body);

/** The request's JSON with image data left out (what a scripted reply looks at). */
export const withoutImageData = (value: unknown): string =>
  JSON.stringify(value, (key, item: unknown) =>
    typeof item === 'string' && item.length > 256 && (key === 'url' || key === 'data') ? '[image]' : item,
  );
