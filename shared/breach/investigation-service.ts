import type { AuditLog } from '../audit/index.ts';
import type { TimeWindow } from './breach.ts';
import { blastRadiusOf, functionsInScope, resolveStores, type BlastRadius, type DeploymentGraph } from './blast-radius.ts';
import { breachErrors } from './errors.ts';
import { draftNotice, type NoticeAudience, type NoticeDraft, type NoticeSections } from './notices.ts';
import type { AssessmentStore, BreachClock, BreachStore, CallLogReader, NoticeStore } from './ports.ts';

export interface InvestigationDeps {
  breaches: BreachStore;
  assessments: AssessmentStore;
  notices: NoticeStore;
  calls: CallLogReader;
  graph: DeploymentGraph;
  audit: AuditLog;
  clock: BreachClock;
  dpoContact: string;
  /** At most this many caller records are read for one blast radius (the answer says when it was reached). */
  callerLimit: number;
}

const attempts = 5;
const staff = (userId: string) => ({ type: 'staff' as const, id: userId, userId });

/** The DPO's investigation of a breach: its blast radius, and the notices drafted from it. */
export const createBreachInvestigation = (deps: InvestigationDeps) => {
  const { breaches, assessments, notices, calls, graph, audit, clock } = deps;
  const find = async (id: string) => {
    const breach = await breaches.find(id);
    if (!breach) throw breachErrors.notFound();
    return breach;
  };

  /** Appends the next numbered record `write` inserts; retried on a lost race. */
  const nextNumber = async (latest: () => Promise<number>, write: (n: number) => Promise<boolean>): Promise<number> => {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const n = (await latest()) + 1;
      if (await write(n)) return n;
    }
    throw breachErrors.busy();
  };

  const appendNotice = async (staffId: string, draft: Omit<NoticeDraft, 'version'>, version: number) => {
    const stored = { ...draft, version };
    if (!(await notices.append(stored))) return null;
    await audit.record({
      action: draft.source === 'generated' ? 'breach.notice_drafted' : 'breach.notice_edited',
      actor: staff(staffId),
      target: { type: 'breach', id: draft.breachId },
      details: { audience: draft.audience, version },
      key: `breach:${draft.breachId}:notice:${draft.audience}:${version}`,
    });
    return stored;
  };

  return {
    /** Computes the blast radius (scope defaults to the breach's own facts) and keeps it, numbered. */
    assess: async (
      staffId: string,
      breachId: string,
      asked: { functions?: string[]; stores?: string[]; window?: TimeWindow },
    ): Promise<{ seq: number; radius: BlastRadius }> => {
      const breach = await find(breachId);
      const functions = asked.functions ?? breach.functions;
      const window = asked.window ?? breach.window;
      const stores = resolveStores(graph, asked.stores ?? breach.stores);
      const unknownFunctions = functions.filter((f) => !graph.functions[f]);
      if (unknownFunctions.length > 0 || stores.unknown.length > 0) throw breachErrors.unknownScope(unknownFunctions, stores.unknown);
      if (!window || (functions.length === 0 && stores.known.length === 0)) throw breachErrors.scopeMissing();
      if (window.to.getTime() <= window.from.getTime()) throw breachErrors.windowInvalid();
      const inScope = functionsInScope(graph, functions, stores.known).functions;
      const callers = await calls.callers(inScope, window, deps.callerLimit);
      const scope = { functions: [...new Set(functions)].sort(), stores: stores.known, window };
      const radius = blastRadiusOf(graph, scope, callers, deps.callerLimit, clock.now());
      const seq = await nextNumber(
        async () => (await assessments.latest(breachId))?.seq ?? 0,
        (n) => assessments.append(breachId, n, radius),
      );
      await audit.record({
        action: 'breach.blast_radius_assessed',
        actor: staff(staffId),
        target: { type: 'breach', id: breachId },
        details: { seq, users: radius.users.length, workspaces: radius.workspaces.length, truncated: radius.truncated },
        key: `breach:${breachId}:assessment:${seq}`,
      });
      return { seq, radius };
    },

    /** The newest blast radius kept for the breach. */
    latestAssessment: async (staffId: string, breachId: string): Promise<{ seq: number; radius: BlastRadius }> => {
      await find(breachId);
      const latest = await assessments.latest(breachId);
      if (!latest) throw breachErrors.assessmentNotFound();
      // It names the people affected: who read it is recorded.
      await audit.record({
        action: 'breach.viewed',
        actor: staff(staffId),
        target: { type: 'breach', id: breachId },
        details: { part: 'blast_radius', seq: latest.seq },
      });
      return latest;
    },

    /** A new generated version of the notice, from the breach and its newest blast radius. */
    draft: async (staffId: string, breachId: string, audience: NoticeAudience): Promise<NoticeDraft> => {
      const breach = await find(breachId);
      const assessment = await assessments.latest(breachId);
      const sections = draftNotice(audience, breach, assessment?.radius ?? null, { dpoContact: deps.dpoContact, now: clock.now() });
      const base = {
        breachId,
        audience,
        source: 'generated' as const,
        assessmentSeq: assessment?.seq ?? null,
        sections,
        createdBy: staffId,
      };
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        const version = ((await notices.latest(breachId, audience))?.version ?? 0) + 1;
        const stored = await appendNotice(staffId, { ...base, createdAt: clock.now() }, version);
        if (stored) return stored;
      }
      throw breachErrors.busy();
    },

    /** The DPO's edit of version `baseVersion`: becomes baseVersion + 1, unless someone saved that first. */
    edit: async (staffId: string, breachId: string, audience: NoticeAudience, baseVersion: number, sections: NoticeSections) => {
      await find(breachId);
      const latest = await notices.latest(breachId, audience);
      if (!latest) throw breachErrors.noticeNotFound();
      if (latest.version !== baseVersion) throw breachErrors.noticeVersionConflict(latest.version);
      const draft = {
        breachId,
        audience,
        source: 'edited' as const,
        assessmentSeq: latest.assessmentSeq,
        createdAt: clock.now(),
        createdBy: staffId,
      };
      const stored = await appendNotice(staffId, { ...draft, sections: { ...latest.sections, ...sections } }, baseVersion + 1);
      if (!stored) throw breachErrors.noticeVersionConflict((await notices.latest(breachId, audience))?.version ?? baseVersion + 1);
      return stored;
    },

    notice: async (staffId: string, breachId: string, audience: NoticeAudience, version: number | null): Promise<NoticeDraft> => {
      await find(breachId);
      const found = version === null ? await notices.latest(breachId, audience) : await notices.version(breachId, audience, version);
      if (!found) throw breachErrors.noticeNotFound();
      await audit.record({
        action: 'breach.viewed',
        actor: staff(staffId),
        target: { type: 'breach', id: breachId },
        details: { part: 'notice', audience, version: found.version },
      });
      return found;
    },
  };
};

export type BreachInvestigation = ReturnType<typeof createBreachInvestigation>;
