/** The ETag of version `n`: `"v<n>"`. */
export const etagOf = (versionNumber: number): string => `"v${versionNumber}"`;

const tag = /^(?:W\/)?"v([1-9]\d{0,14})"$/;

/**
 * The version an `If-Match` names: null when absent or `*` (a specific version is required: 428);
 * 0 when it names no version of ours (never current: 412). With several tags, the first of ours.
 */
export const versionFromIfMatch = (header: string | undefined): number | null => {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return null;
  for (const item of header.split(',')) {
    const found = tag.exec(item.trim());
    if (found?.[1]) return Number(found[1]);
  }
  return 0;
};
