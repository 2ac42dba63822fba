import { describe, expect, it } from 'vitest';
import dropDeletedCollectionsFunction from '../../../functions/knowledge/drop-deleted-collections.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createWorkspaceStore } from '../../../shared/infra/mongodb/workspace-store.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { useKnowledgeKit, type KnowledgeKit } from '../../support/knowledge-kit.ts';

let kit: KnowledgeKit;
useKnowledgeKit('knowledge_sweep', (started) => (kit = started));

const dropDeletedCollections = named(dropDeletedCollectionsFunction, 'functions/knowledge/drop-deleted-collections.ts');
const space = { model: 'sweep-test-model', dimension: 3 };
const collectionOf = (workspaceId: string) => kit.ports.vectors.stamp({ kind: 'workspace', workspaceId });

describe('knowledge-drop-deleted-collections', () => {
  it("should drop a deleted workspace's collection and keep the others, again after a late write", async () => {
    const [deleted, kept] = [await kit.workspace(0), await kit.workspace(0)];
    for (const workspaceId of [deleted, kept]) await kit.ports.vectors.prepare({ kind: 'workspace', workspaceId }, space);
    await kit.ports.vectors.prepare({ kind: 'global' }, space);
    await createWorkspaceStore(kit.db).markDeleted(deleted, 'usr_test00000000000000000', new Date());

    await fireCron(dropDeletedCollections, kit.env);
    expect({ deleted: await collectionOf(deleted), kept: typeof (await collectionOf(kept)) }).toEqual({ deleted: null, kept: 'string' });
    expect(await kit.ports.vectors.stamp({ kind: 'global' })).not.toBeNull();

    // An ingestion that was still running writes the collection again: the next sweep drops it too.
    await kit.ports.vectors.prepare({ kind: 'workspace', workspaceId: deleted }, space);
    await fireCron(dropDeletedCollections, kit.env);
    expect(await collectionOf(deleted)).toBeNull();
    expect(await kit.ports.vectors.workspaceIds()).toEqual([kept]);
  });
});
