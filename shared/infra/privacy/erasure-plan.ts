import type { Redis } from '@upstash/redis';
import type { Db } from 'mongodb';
import type { AuditLog } from '../../audit/index.ts';
import type { DataStore } from '../../platform/privacy/data-map.ts';
import { erasureRunErrors, type ErasurePlan, type ErasureStep, type StoreOutcome } from '../../privacy/index.ts';
import type { StripeClient } from '../stripe/stripe-client.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { isCollectionDeclaration, type CollectionDeclaration } from '../mongodb/collection.ts';
import { membershipCollection, workspaceTombstoneCollection, type MembershipDocument } from '../mongodb/membership-store.ts';
import { invitationCollection } from '../mongodb/invitation-store.ts';
import { openUserFields, userCollection, type UserDocument } from '../mongodb/user-store.ts';
import { createWorkspaceStore } from '../mongodb/workspace-store.ts';
import { billingAccountCollection } from '../mongodb/billing-account-store.ts';
import { childrenFirst, fateOf, mongoEraseStep, workspacesStepKey, type WorkspaceFate } from './mongo-eraser.ts';

/** The vector side of the knowledge domain, as far as erasure needs it. */
export interface WorkspaceVectors {
  drop: (scope: { kind: 'workspace'; workspaceId: string }) => Promise<void>;
}

const outcome = (store: DataStore, action: string, count: number, note?: string): StoreOutcome => ({
  store: store.store,
  name: store.name,
  action,
  count,
  ...(note ? { note } : {}),
});
const noneOf = (store: DataStore) => (typeof store.privacy.erase === 'object' ? store.privacy.erase.none : '');

/**
 * The erasure plan over every store of the data map, in an order that keeps each step able to
 * find what it needs: the workspaces' fate first (a sole owner with other members stops the run
 * before anything is removed), records found through a parent before the parent, the stores found
 * by e-mail before the account document, the data key last (crypto-shredding).
 */
export const createErasurePlan = (deps: {
  db: Db;
  stores: readonly DataStore[];
  redis: Redis;
  /** The prefix of the Redis keys of this deployment (tests give their own). */
  redisPrefix?: string;
  vectors: WorkspaceVectors;
  stripe: StripeClient;
  sealer: FieldSealer;
  audit: Pick<AuditLog, 'eraseSubject'>;
  pseudonymOf: (userId: string) => string;
  now: () => Date;
}): ErasurePlan => {
  const { db, stores } = deps;
  const collections = stores.filter((s): s is CollectionDeclaration => isCollectionDeclaration(s));
  const byName = new Map(collections.map((c) => [c.name, c]));
  const customersOf = async (workspaceIds: readonly string[]) =>
    workspaceIds.length === 0
      ? []
      : (
          await billingAccountCollection
            .in(db)
            .find({ _id: { $in: [...workspaceIds] } } as never)
            .toArray()
        )
          .map((doc) => (doc as { customerId?: string }).customerId)
          .filter((id): id is string => typeof id === 'string');

  const workspacesStep: ErasureStep = {
    key: workspacesStepKey,
    run: async ({ userId }) => {
      const memberships = await membershipCollection.in<MembershipDocument>(db).find({ userId }).toArray();
      const ids = memberships.map((m) => m.workspaceId);
      const tombstoned = new Set(
        (
          await workspaceTombstoneCollection
            .in<{ _id: string }>(db)
            .find({ _id: { $in: ids } })
            .toArray()
        ).map((t) => t._id),
      );
      const fate: WorkspaceFate = { deleted: [], left: [] };
      const blocking: string[] = [];
      for (const { workspaceId, role } of memberships) {
        const others = (await membershipCollection.in<MembershipDocument>(db).find({ workspaceId }).toArray()).filter(
          (m) => m.userId !== userId,
        );
        if (tombstoned.has(workspaceId) || (role === 'owner' && others.length === 0)) fate.deleted.push(workspaceId);
        else if (role === 'owner' && !others.some((m) => m.role === 'owner')) blocking.push(workspaceId);
        else fate.left.push(workspaceId);
      }
      // Checked again here: members may have joined during the grace period.
      if (blocking.length > 0) throw erasureRunErrors.soleOwner(blocking.sort());
      const workspaces = createWorkspaceStore(db);
      for (const id of fate.deleted) if (!tombstoned.has(id)) await workspaces.markDeleted(id, userId, deps.now());
      const store = byName.get('workspaces')!;
      return {
        outcomes: [
          outcome(
            store,
            'workspaces decided',
            fate.deleted.length,
            `${fate.deleted.length} deleted with the person, ${fate.left.length} left`,
          ),
        ],
        data: { deleted: fate.deleted.sort(), left: fate.left.sort() },
      };
    },
  };

  const auditStep = (store: CollectionDeclaration): ErasureStep => ({
    key: `mongodb:${store.name}`,
    run: async ({ userId }) => ({
      outcomes: [
        outcome(
          store,
          'deleted',
          await deps.audit.eraseSubject(userId),
          'the audit sidecar (pending and personal values); the chained entries keep ids and salted hashes only',
        ),
      ],
    }),
  });

  // Invitees' addresses are sealed under a key per invitation: destroyed before the invitations
  // step deletes them (those to the person's address, those they sent, those of their deleted workspaces).
  const invitationKeysStep: ErasureStep = {
    key: `mongodb:${invitationCollection.name}:keys`,
    run: async (subject) => {
      const or: Record<string, unknown>[] = [{ invitedBy: subject.userId }];
      if (subject.emailIndex) or.push({ emailIndex: subject.emailIndex });
      const deleted = fateOf(subject).deleted;
      if (deleted.length > 0) or.push({ workspaceId: { $in: deleted } });
      const found = await invitationCollection
        .in<{ _id: string }>(db)
        .find({ $or: or } as never, { projection: { _id: 1 } })
        .toArray();
      for (const { _id } of found) await deps.sealer.shred(_id);
      return {
        outcomes: [
          outcome(invitationCollection, 'crypto-shredded', found.length, 'the keys the invitees’ addresses were sealed under, destroyed'),
        ],
      };
    },
  };

  const shredStep = (store: CollectionDeclaration): ErasureStep => ({
    key: `mongodb:${store.name}`,
    run: async ({ userId }) => {
      // Counted before the shred, which also deletes the key's re-wrapped revisions (hence their step first).
      const had = await store.in(db).countDocuments({ [store.privacy.subject?.userId ?? '_id']: userId });
      await deps.sealer.shred(userId);
      return {
        outcomes: [outcome(store, 'crypto-shredded', had, 'the data key destroyed: every sealed copy, backups included, no longer opens')],
      };
    },
  });

  const redisStep = (store: DataStore): ErasureStep => ({
    key: `redis:${store.name}`,
    run: async ({ userId, email }) => {
      if (typeof store.privacy.erase === 'object') return { outcomes: [outcome(store, 'none', 0, noneOf(store))] };
      let cursor: string | number = '0';
      let count = 0;
      do {
        const [next, keys]: [string | number, string[]] = await deps.redis.scan(cursor, {
          match: `${deps.redisPrefix ?? ''}${store.name}*`,
          count: 500,
        });
        const mine = keys.filter((key) => key.includes(userId) || (email !== null && key.includes(email)));
        if (mine.length > 0) count += await deps.redis.del(...mine);
        cursor = next;
      } while (String(cursor) !== '0');
      return { outcomes: [outcome(store, 'deleted', count)] };
    },
  });

  const chromaStep = (store: DataStore): ErasureStep => ({
    key: `chroma:${store.name}`,
    run: async (subject) => {
      if (store.privacy.erase !== 'with-workspace')
        return { outcomes: [outcome(store, 'none', 0, noneOf(store) || 'not kept with a workspace')] };
      const { deleted } = fateOf(subject);
      for (const workspaceId of deleted) await deps.vectors.drop({ kind: 'workspace', workspaceId });
      return {
        outcomes: [
          outcome(
            store,
            'dropped',
            deleted.length,
            'the collections (every chunk) of the workspaces deleted with the person; chunks elsewhere name no person',
          ),
        ],
      };
    },
  });

  const stripeStep: ErasureStep = {
    key: 'stripe:customers',
    run: async (subject) => {
      const customers = await customersOf(fateOf(subject).deleted);
      const client = customers.length > 0 ? await deps.stripe.client() : null;
      for (const customerId of customers) {
        try {
          await client!.customers.del(customerId);
        } catch (error) {
          // Already deleted by an earlier attempt: the step is idempotent.
          if ((error as { code?: string }).code !== 'resource_missing') throw error;
        }
      }
      return {
        outcomes: [
          {
            store: 'stripe',
            name: 'customers',
            action: 'deleted',
            count: customers.length,
            note: 'through the Stripe API; the billing records stay with Stripe and with us, unlinked',
          },
        ],
      };
    },
  };

  const mongoSteps = childrenFirst(collections)
    .filter((c) => c.name !== 'users' && c.privacy.erase !== 'crypto-shred')
    .map((c) =>
      c.name === 'audit_personal'
        ? auditStep(c)
        : mongoEraseStep(db, c, byName, { customerIds: (s) => customersOf([...fateOf(s).deleted, ...fateOf(s).left]) }),
    );
  const steps: ErasureStep[] = [
    workspacesStep,
    invitationKeysStep,
    ...mongoSteps,
    ...stores.filter((s) => s.store === 'redis').map(redisStep),
    ...stores.filter((s) => s.store === 'chroma').map(chromaStep),
    stripeStep,
    mongoEraseStep(db, byName.get('users')!, byName),
    ...collections
      .filter((c) => c.privacy.erase === 'crypto-shred')
      .sort((a, b) => Number(a.privacy.subject?.userId === '_id') - Number(b.privacy.subject?.userId === '_id'))
      .map(shredStep),
  ];

  return {
    steps,
    pseudonymOf: deps.pseudonymOf,
    person: async (userId) => {
      const user = await userCollection.in(db).findOne({ _id: userId } as never);
      if (!user) return null;
      const doc = user as unknown as UserDocument;
      // A value that does not open (the key already shredded by an earlier attempt) leaves nothing to find.
      const { email, name } = await openUserFields(deps.sealer, doc).catch(() => ({ email: '', name: '' }));
      return { email, emailIndex: doc.emailIndex ?? null, name };
    },
  };
};
