import type { Workspace } from './personal-workspace.ts';

export const plans = ['free', 'basic', 'pro', 'enterprise'] as const;
export type Plan = (typeof plans)[number];

/** `null` means unlimited. */
export interface PlanLimits {
  /** Members of one workspace, pending invitations included. */
  seats: number | null;
  /** Workspaces an account may own (judged by the plan of its personal workspace). */
  workspaces: number | null;
  flows: number | null;
  creditsPerMonth: number;
  apiRequestsPerMinute: number;
  aiOpsPerMinute: number;
  nodesPerFlow: number;
  versionsKept: number | null;
  /** Knowledge documents per workspace (uploads being processed count). */
  knowledgeDocuments: number;
  /** Characters of extracted text over all of a workspace's knowledge documents. */
  knowledgeCharacters: number;
}

/** The plan table of docs/product.md ("Plans"); billing reads the same table. */
export const planLimits: Readonly<Record<Plan, Readonly<PlanLimits>>> = {
  free: {
    seats: 1,
    workspaces: 1,
    flows: 3,
    creditsPerMonth: 100,
    apiRequestsPerMinute: 120,
    aiOpsPerMinute: 5,
    nodesPerFlow: 200,
    versionsKept: 20,
    knowledgeDocuments: 20,
    knowledgeCharacters: 500_000,
  },
  basic: {
    seats: 3,
    workspaces: 3,
    flows: 50,
    creditsPerMonth: 1_000,
    apiRequestsPerMinute: 300,
    aiOpsPerMinute: 20,
    nodesPerFlow: 1_000,
    versionsKept: 100,
    knowledgeDocuments: 200,
    knowledgeCharacters: 5_000_000,
  },
  pro: {
    seats: 10,
    workspaces: 10,
    flows: null,
    creditsPerMonth: 5_000,
    apiRequestsPerMinute: 1_000,
    aiOpsPerMinute: 60,
    nodesPerFlow: 1_000,
    versionsKept: 500,
    knowledgeDocuments: 1_000,
    knowledgeCharacters: 25_000_000,
  },
  enterprise: {
    seats: null,
    workspaces: null,
    flows: null,
    creditsPerMonth: 25_000,
    apiRequestsPerMinute: 5_000,
    aiOpsPerMinute: 200,
    nodesPerFlow: 5_000,
    versionsKept: null,
    knowledgeDocuments: 10_000,
    knowledgeCharacters: 100_000_000,
  },
};

/**
 * The plan in force at `now`: a trial (a `trialEndsAt`) gives its plan until it ends, then free
 * (no payment method at the end of the trial → free). The plan is read from the workspace
 * document, whose `plan` and `trialEndsAt` billing keeps in step with the Stripe subscription.
 */
export const effectivePlan = (workspace: Pick<Workspace, 'plan' | 'trialEndsAt'>, now: Date): Plan => {
  if (workspace.trialEndsAt === null) return workspace.plan;
  return now < workspace.trialEndsAt ? workspace.plan : 'free';
};

/** Whether `current` units leave room for `adding` more under `limit` (null = unlimited). */
export const isWithinLimit = (limit: number | null, current: number, adding = 1): boolean => limit === null || current + adding <= limit;
