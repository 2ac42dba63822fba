import { z } from '@hono/zod-openapi';
import { documentSourceSchema, documentTitleSchema, knowledgeErrors, type UploadInput } from '../../../shared/knowledge/index.ts';
import { DomainError } from '../../../shared/kernel/index.ts';

export const jsonUploadSchema = z.object({
  title: documentTitleSchema,
  format: z.enum(['text', 'markdown', 'html']),
  content: z.string().min(1).openapi({ description: 'At most 1 MB (UTF-8)' }),
  source: documentSourceSchema.optional().openapi({ description: 'Where the text comes from (a URL or a note)' }),
});

export const multipartUploadSchema = z.object({
  file: z
    .custom<File>((value) => value instanceof File, 'must be a file')
    .openapi({ type: 'string', format: 'binary', description: '.txt, .md, .html or .pdf, at most 1 MB' }),
  title: documentTitleSchema.optional().openapi({ description: 'Default: the file name without its extension' }),
  source: documentSourceSchema.optional(),
});

const formatByExtension = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
} as const;

/** A multipart upload as the domain's input: the format from the file name, PDF kept as bytes. */
export const fromMultipart = async ({ file, title, source }: z.infer<typeof multipartUploadSchema>): Promise<UploadInput> => {
  const extension = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const format = (formatByExtension as Record<string, UploadInput['format'] | undefined>)[extension];
  if (format === undefined) throw knowledgeErrors.unsupportedFormat(file.name || 'The file');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const fallback =
    file.name
      .replace(/\.[^.]+$/, '')
      .trim()
      .slice(0, 200) || 'Untitled';
  return {
    title: title ?? fallback,
    format,
    content: format === 'pdf' ? bytes : new TextDecoder('utf-8').decode(bytes),
    source: source ?? null,
  };
};

/**
 * The upload as the domain's input, from whichever body the request carries (the route's validators
 * checked it already; the media-type gate refused any other type with 415).
 * @throws INVALID_REQUEST (400) when there is no body.
 */
export const uploadInputOf = async (contentType: string | undefined, form: () => unknown, body: () => unknown): Promise<UploadInput> => {
  const type = contentType?.toLowerCase() ?? '';
  if (type.startsWith('multipart/form-data')) return fromMultipart(multipartUploadSchema.parse(form()));
  if (type.startsWith('application/json')) {
    const parsed = jsonUploadSchema.parse(body());
    return { ...parsed, source: parsed.source ?? null };
  }
  throw new DomainError('invalid', 'INVALID_REQUEST', { detail: 'Send JSON {title, format, content} or a multipart form with a file.' });
};
