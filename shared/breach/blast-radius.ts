import type { TimeWindow } from './breach.ts';
import type { CallerRecord } from './ports.ts';

/**
 * The deployment graph as the generator derives it from the definitions (which stores each
 * function reaches, the same derivation as the record of processing) and the data map.
 */
export interface DeploymentGraph {
  functions: Readonly<Record<string, { kind: string; stores: readonly string[]; pipelineStores: readonly string[] }>>;
  /** Keyed `<kind> <name>` (`mongodb users`). */
  stores: Readonly<Record<string, { classes: readonly string[]; personalData: readonly string[] }>>;
}

export interface BlastScope {
  functions: string[];
  stores: string[];
  window: TimeWindow;
}

export interface AffectedUser {
  userId: string;
  workspaceIds: string[];
  functions: string[];
  /** The API keys the calls came with, if any. */
  keyIds: string[];
  firstAt: Date;
}

export interface BlastRadius {
  /** As asked. */
  scope: BlastScope;
  /** The functions whose callers count: those named, and those that reach a named store. */
  functions: string[];
  /** For each named store, the functions that reach it (their own code or their request pipeline). */
  storeFunctions: Record<string, string[]>;
  /** The personal-data categories and data classes of the stores those functions reach. */
  personalData: string[];
  dataClasses: string[];
  users: AffectedUser[];
  workspaces: { workspaceId: string; users: number }[];
  /** True when the caller records reached the limit: the lists are partial, counts are lower bounds. */
  truncated: boolean;
  computedAt: Date;
}

/** Accepts `mongodb users` or just `users`; unknown names come back apart. */
export const resolveStores = (graph: DeploymentGraph, names: readonly string[]) => {
  const keys = Object.keys(graph.stores);
  const known: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const key = keys.find((k) => k === name) ?? keys.find((k) => k.slice(k.indexOf(' ') + 1) === name);
    if (key) known.push(key);
    else unknown.push(name);
  }
  return { known: [...new Set(known)].sort(), unknown };
};

/** The functions whose callers a breach of these functions and stores reaches, and why. */
export const functionsInScope = (graph: DeploymentGraph, functions: readonly string[], stores: readonly string[]) => {
  const storeFunctions: Record<string, string[]> = {};
  for (const store of stores) {
    storeFunctions[store] = Object.entries(graph.functions)
      .filter(([, f]) => f.stores.includes(store) || f.pipelineStores.includes(store))
      .map(([name]) => name)
      .sort();
  }
  const all = new Set([...functions, ...Object.values(storeFunctions).flat()]);
  return { functions: [...all].sort(), storeFunctions };
};

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Folds the caller records into affected users and workspaces. */
export const blastRadiusOf = (
  graph: DeploymentGraph,
  scope: BlastScope,
  callers: readonly CallerRecord[],
  limit: number,
  now: Date,
): BlastRadius => {
  const { functions, storeFunctions } = functionsInScope(graph, scope.functions, scope.stores);
  const reached = new Set([...scope.stores, ...functions.flatMap((f) => graph.functions[f]?.stores ?? [])]);
  const users = new Map<string, { workspaces: Set<string>; functions: Set<string>; keys: Set<string>; firstAt: Date }>();
  for (const record of callers) {
    const user = users.get(record.userId) ?? { workspaces: new Set(), functions: new Set(), keys: new Set(), firstAt: record.firstAt };
    if (record.workspaceId) user.workspaces.add(record.workspaceId);
    user.functions.add(record.function);
    if (record.keyId) user.keys.add(record.keyId);
    if (record.firstAt < user.firstAt) user.firstAt = record.firstAt;
    users.set(record.userId, user);
  }
  const perWorkspace = new Map<string, number>();
  for (const user of users.values()) for (const w of user.workspaces) perWorkspace.set(w, (perWorkspace.get(w) ?? 0) + 1);
  return {
    scope,
    functions,
    storeFunctions,
    personalData: sorted([...reached].flatMap((s) => graph.stores[s]?.personalData ?? [])),
    dataClasses: sorted([...reached].flatMap((s) => graph.stores[s]?.classes ?? [])),
    users: [...users.entries()]
      .map(([userId, u]) => ({
        userId,
        workspaceIds: sorted(u.workspaces),
        functions: sorted(u.functions),
        keyIds: sorted(u.keys),
        firstAt: u.firstAt,
      }))
      .sort((a, b) => a.userId.localeCompare(b.userId)),
    workspaces: [...perWorkspace.entries()]
      .map(([workspaceId, count]) => ({ workspaceId, users: count }))
      .sort((a, b) => a.workspaceId.localeCompare(b.workspaceId)),
    truncated: callers.length >= limit,
    computedAt: now,
  };
};
