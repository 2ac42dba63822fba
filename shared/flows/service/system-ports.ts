import type { Outbox } from '../../kernel/index.ts';
import type { FlowVersionInfo } from './ports.ts';
import type { FlowHead } from './records.ts';

/** Flows past their restore window, and their removal. */
export interface FlowRetentionStore {
  /** Heads of flows deleted before `cutoff`, the earliest deletion first, at most `limit`. */
  deletedBefore: (cutoff: Date, limit: number) => Promise<FlowHead[]>;
  /**
   * Removes the flow's versions and snapshots, then its head: last, so a purge cut short is listed
   * (and finished) again. Idempotent. Workspace templates saved from the flow are copies and stay.
   */
  purge: (flowId: string) => Promise<void>;
}

/** What the flow system service needs besides the flow services' ports. */
export interface FlowSystemPorts {
  /** The versions whose event is not yet on the bus (`flow_versions` is the outbox). */
  outbox: Outbox<FlowVersionInfo>;
  retention: FlowRetentionStore;
}
