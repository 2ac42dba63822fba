import { createHash } from 'node:crypto';

const maxLength = 63;
const hashLength = 8;

/** `com.uxflow.flows.flow-created.v1` → `flows-flow-created-v1`. */
export const shortEventType = (type: string): string =>
  type
    .replace(/^com\.uxflow\./, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * `<function>--<short event type>`, a DNS label of at most 63 characters. A longer name is cut
 * and ends in a hash of the full name instead, so it stays unique and the same on every run.
 */
export const triggerName = (functionName: string, eventType: string): string => {
  const full = `${functionName}--${shortEventType(eventType)}`;
  if (full.length <= maxLength) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, hashLength);
  return `${full.slice(0, maxLength - hashLength - 1).replace(/-+$/, '')}-${hash}`;
};
