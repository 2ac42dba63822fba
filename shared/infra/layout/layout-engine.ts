import type { LayoutEngine } from '../../flows/index.ts';

/**
 * The layout engine, loaded on first use: dagre stays out of every bundle (an external, required
 * from node_modules) and, with d3-force (small, bundled but evaluated lazily), out of the cold start
 * of `flows-apply-operations` until a batch asks for AUTO_LAYOUT.
 */
export const loadLayoutEngine = async (): Promise<LayoutEngine> => {
  const [{ layoutHierarchical }, { layoutForce }] = await Promise.all([import('./dagre-layout.ts'), import('./force-layout.ts')]);
  return { hierarchical: layoutHierarchical, force: layoutForce };
};
