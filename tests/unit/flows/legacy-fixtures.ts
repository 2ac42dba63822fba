import { readFileSync } from 'node:fs';
import type { MigrationReport } from '../../../shared/flows/index.ts';

/** Documents of the earlier product, as its backend and its web app wrote them (tests/unit/flows/legacy/). */
export const legacyFixtures = {
  /** 1.x as the earlier backend exported it: server fields, names in data.title, triggers in edge data, two nodes unplaced. */
  backendLogin: 'v1-backend-login',
  /** 1.x from the earlier template library: `data.label` on every node, no positions at all. */
  templateOnboarding: 'v1-template-onboarding',
  /** 1.x from the earlier template library, e-commerce: no End node (it was a warning there too). */
  templateEcommerce: 'v1-template-ecommerce',
  /** The earlier web app's dialect: frames as nodes, enhanced-screen, ghosts, uiMetadata.screenshot, subflowId. */
  webCheckout: 'web-2x-checkout',
} as const;
export type LegacyFixture = (typeof legacyFixtures)[keyof typeof legacyFixtures];

export interface LegacyDocument {
  metadata: Record<string, unknown>;
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
  [key: string]: unknown;
}

/** A fresh copy of a fixture (tests may change it). */
export const legacyDocument = (name: LegacyFixture): LegacyDocument =>
  JSON.parse(readFileSync(new URL(`./legacy/${name}.json`, import.meta.url), 'utf8')) as LegacyDocument;

const serverFields = ['projectId', 'workspaceId', 'createdBy', 'createdAt', 'updatedAt', 'latestVersionId', 'versionCount', 'status'];

const textsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textsIn);
  return [];
};

/**
 * Every text a user wrote in `source` that appears neither in the migrated document nor in the report: what a
 * migration would have lost unseen (the server's own fields excepted).
 */
export const lostTexts = (source: LegacyDocument, migrated: unknown, migration: MigrationReport): string[] => {
  const metadata = Object.fromEntries(Object.entries(source.metadata).filter(([key]) => !serverFields.includes(key)));
  const seen = JSON.stringify(migrated) + JSON.stringify(migration);
  return textsIn({ ...source, metadata }).filter((text) => !seen.includes(JSON.stringify(text).slice(1, -1)));
};
