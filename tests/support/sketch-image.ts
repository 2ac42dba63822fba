/** A real 1×1 PNG (signature, IHDR, IDAT, IEND): what a test uploads as a sketch. */
export const tinyPng = new Uint8Array(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);

/** A multipart form with the image (and the other fields given). */
export const imageForm = (bytes: Uint8Array, name = 'sketch.png', fields: Record<string, string> = {}) => {
  const form = new FormData();
  form.set('image', new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
};
