import type { DeletedWorkspaces, VectorIndex } from './ports.ts';

/**
 * Drops the Chroma collection of every deleted workspace. Workspace deletion is a soft delete in
 * another domain that publishes no event; this sweep (a cron) finds the collections whose workspace
 * has a tombstone and drops them. A workspace without a tombstone keeps its collection, whether or
 * not a workspace document exists. An ingestion still running when the sweep drops a collection
 * can write it again; the next sweep drops it once more (the workspace stays deleted).
 * @returns the workspace ids whose collection was dropped.
 */
export const dropDeletedWorkspaceCollections = async (ports: {
  vectors: Pick<VectorIndex, 'workspaceIds' | 'drop'>;
  deleted: DeletedWorkspaces;
}): Promise<string[]> => {
  const withCollection = await ports.vectors.workspaceIds();
  if (withCollection.length === 0) return [];
  const deleted = await ports.deleted.among(withCollection);
  for (const workspaceId of deleted) await ports.vectors.drop({ kind: 'workspace', workspaceId });
  return deleted;
};
