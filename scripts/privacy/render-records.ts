import type { GeneratedFile } from '../gen/generated-file.ts';
import type { LoadedDefinition } from '../lib/load-definitions.ts';
import { loadDataMap } from './data-map.ts';
import { annotationProblems, collectReach } from './function-reach.ts';
import { renderDeploymentGraph } from './deployment-graph.ts';
import { renderRecords } from './records.ts';

/**
 * The record of processing and the deployment graph the breach assessments read, from the loaded definitions and the data map. Throws when a store's
 * privacy facts are wrong, or a function reaches personal data while declaring none: neither
 * can be generated (so `gen --check` fails), nor deployed.
 */
export const renderPrivacyRecords = async (loaded: readonly LoadedDefinition[]): Promise<GeneratedFile[]> => {
  const dataMap = await loadDataMap();
  const reach = await collectReach(loaded, dataMap);
  const problems = annotationProblems(reach);
  if (problems.length > 0) {
    throw new Error(
      `privacy annotations (name the categories, a purpose and a legal basis in the definition):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return [...renderRecords(reach, dataMap), await renderDeploymentGraph(reach, dataMap)];
};
