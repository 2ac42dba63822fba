import { aiRequestErrors } from './request-errors.ts';

/** The largest sketch or screenshot accepted (docs/product.md). */
export const maxImageBytes = 5 * 1024 * 1024;

const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpeg = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, index) => bytes[index] === byte);

/**
 * What an upload is, by its bytes (never by its name or declared type).
 * @throws IMAGE_TOO_LARGE (413); UNSUPPORTED_IMAGE_FORMAT (400) for anything but PNG or JPEG.
 */
export const imageKindOf = (bytes: Uint8Array): 'png' | 'jpeg' => {
  if (bytes.length > maxImageBytes) throw aiRequestErrors.imageTooLarge(maxImageBytes);
  if (startsWith(bytes, png)) return 'png';
  if (startsWith(bytes, jpeg)) return 'jpeg';
  throw aiRequestErrors.unsupportedImage();
};
