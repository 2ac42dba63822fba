import type { AuditActor, AuditLog } from '../audit/index.ts';
import type { ErasureScheduling } from './erasure.ts';
import type { Exports } from './export-service.ts';
import { requestErrors, type OnBehalf, type PrivacyRequest, type RequestDirectory, type RequestKind } from './requests.ts';
import type { Restrictions } from './restriction.ts';

export interface DpoDeps {
  directory: RequestDirectory;
  exports: Exports;
  erasure: ErasureScheduling;
  restrictions: Restrictions;
  /** The account's id, by id or by e-mail address; null when there is none. */
  findUser: (by: { userId?: string; email?: string }) => Promise<string | null>;
  audit: AuditLog;
  clock: { now: () => Date };
}

/** The DPO's desk: every request with its deadline, one request, a request entered for someone (post, e-mail). Every use is audited. */
export const createDpoDesk = ({ directory, exports, erasure, restrictions, findUser, audit, clock }: DpoDeps) => ({
  list: async (staff: AuditActor, kinds: readonly RequestKind[], before: { at: Date; id: string } | null, limit: number) => {
    await audit.record({ action: 'privacy.requests_listed', actor: staff, details: { kinds: kinds.join(','), limit } });
    return directory.list(kinds, before, limit, clock.now());
  },

  /** @throws PRIVACY_REQUEST_NOT_FOUND */
  view: async (staff: AuditActor, id: string): Promise<PrivacyRequest> => {
    const request = await directory.find(id, clock.now());
    if (!request) throw requestErrors.notFound();
    await audit.record({
      action: 'privacy.request_viewed',
      actor: staff,
      target: { type: 'privacy_request', id },
      subjectId: request.userId,
    });
    return request;
  },

  /**
   * Enters a request received by post or e-mail and carries it out as if the person had asked in
   * the app. @throws PRIVACY_SUBJECT_NOT_FOUND, and what the request itself may answer (ERASURE_SOLE_OWNER…)
   */
  create: async (staff: AuditActor & { id: string }, body: OnBehalf, ip: string): Promise<PrivacyRequest> => {
    const userId = await findUser({ ...(body.userId ? { userId: body.userId } : {}), ...(body.email ? { email: body.email } : {}) });
    if (!userId) throw requestErrors.subjectNotFound();
    const origin = { by: 'dpo' as const, staffId: staff.id, channel: body.channel, reference: body.reference };
    // The request's own entry too, with the staff member as actor, keyed as the person's own would
    // be: a search by action finds every erasure, export and restriction, whoever entered it.
    if (body.kind === 'export') {
      const { view } = await exports.request(userId, origin);
      await audit.record({
        action: 'privacy.export_requested',
        actor: staff,
        target: { type: 'privacy_export', id: view.id },
        subjectId: userId,
        key: `export:${view.id}`,
      });
    } else if (body.kind === 'erasure') await erasure.request(userId, { ip, actor: staff });
    else {
      const { entry } = await restrictions.change(userId, body.restriction!, { origin, ip });
      if (entry)
        await audit.record({
          action: 'privacy.restriction_changed',
          actor: staff,
          target: { type: 'privacy_restriction', id: `${userId}:${entry.seq}` },
          details: { purpose: body.restriction!.purpose, kind: body.restriction!.kind, active: body.restriction!.active },
          subjectId: userId,
          key: `restriction:${userId}:${entry.seq}`,
        });
    }
    // The request as recorded: a repeated one (an export being built, an erasure already
    // scheduled, a restriction already held) is the one already there.
    const request = await directory.latest(body.kind, userId, clock.now());
    if (!request) throw requestErrors.notFound();
    await audit.record({
      action: 'privacy.request_created',
      actor: staff,
      target: { type: 'privacy_request', id: request.id },
      subjectId: userId,
      details: { kind: body.kind, channel: body.channel, reference: body.reference },
    });
    return request;
  },
});

export type DpoDesk = ReturnType<typeof createDpoDesk>;
