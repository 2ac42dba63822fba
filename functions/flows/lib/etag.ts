/** The ETag of version `n`: `"v<n>"`. */
export const etagOf = (versionNumber: number): string => `"v${versionNumber}"`;

const tag = /^(?:W\/)?"v([1-9]\d{0,14})"$/;

/**
 * The versions an `If-Match` names (it matches when one of them is current, RFC 9110): null when
 * absent or `*` (a specific version is required: 428); empty when it names none of ours (412).
 */
export const versionsFromIfMatch = (header: string | undefined): number[] | null => {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return null;
  return header.split(',').flatMap((item) => {
    const found = tag.exec(item.trim())?.[1];
    return found ? [Number(found)] : [];
  });
};
