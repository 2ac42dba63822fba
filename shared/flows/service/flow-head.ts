import type { FlowsPorts } from './ports.ts';
import { headFromVersion, type FlowHead, type FlowVersion } from './records.ts';

/** The last of the versions numbered after `from`, found by walking forward (`from` itself when none follows). */
export const walkForward = async (ports: FlowsPorts, from: FlowVersion): Promise<FlowVersion> => {
  let latest = from;
  for (let next = await ports.versions.find(from.flowId, from.versionNumber + 1); next;) {
    latest = next;
    next = await ports.versions.find(latest.flowId, latest.versionNumber + 1);
  }
  return latest;
};

/**
 * Writes the head derived from `version`, then derives it again from the versions until no version
 * follows the one written. The head's "only if older" write is a read, then a write on FerretDB, so a
 * late writer can put back an older head after a newer one was written; but that newer version was
 * inserted before its own head write, so the late writer finds it here and writes it (or a later
 * one) again. Whatever the interleaving, once the writers are done the head is the latest version's.
 * (A writer that dies between a stale write and this check leaves the head behind until the next
 * read of the flow repairs it, as after any interrupted write.)
 * @returns the version the head was left at.
 */
export const settleHead = async (
  ports: FlowsPorts,
  version: FlowVersion,
  first: Pick<FlowHead, 'createdAt' | 'createdBy'> | null,
): Promise<FlowVersion> => {
  let written = version;
  for (;;) {
    await ports.heads.save(headFromVersion(written, first));
    const latest = await walkForward(ports, written);
    if (latest.versionNumber === written.versionNumber) return written;
    written = latest;
  }
};
