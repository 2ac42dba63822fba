import type { NamedFunction } from '../../shared/platform/definition/identity.ts';
import type { Access, Privacy } from '../../shared/platform/definition/metadata.ts';
import { isFallbackRoute } from './function-kinds.ts';

/** One function, flattened to text: what the docs table and `npm run functions` show. */
export interface FunctionRow {
  name: string;
  kind: NamedFunction['kind'];
  trigger: string;
  permission: string;
  tier: string;
  team: string;
  costCenter: string;
  domain: string;
  spot: string;
  scaling: string;
  personalData: string;
}

const triggerText = (definition: NamedFunction): string => {
  switch (definition.kind) {
    case 'http':
      return isFallbackRoute(definition)
        ? `ANY ${definition.route.path}`
        : `${definition.route.method.toUpperCase()} ${definition.route.path}`;
    case 'event':
      return [...definition.events].sort().join(', ');
    case 'cron':
      return `cron(${definition.schedule}) UTC`;
  }
};

const accessText = (access: Access): string => {
  switch (access.type) {
    case 'public':
      return 'public';
    case 'authenticated':
      return `${access.permission} (${access.credentials.join(', ')})`;
    case 'platform':
      return `platform ${typeof access.role === 'string' ? access.role : access.role.join(' | ')}`;
    case 'signature':
      return `${access.scheme} signature`;
  }
};

const privacyText = (privacy: Privacy): string =>
  privacy.personalData === 'none' ? 'none' : `${[...privacy.personalData].sort().join(', ')} (${privacy.legalBasis})`;

export const functionRow = (definition: NamedFunction): FunctionRow => ({
  name: definition.name,
  kind: definition.kind,
  trigger: triggerText(definition),
  // Event and cron functions have no callers of their own: only the broker or a PingSource reaches them.
  permission: definition.kind === 'http' ? accessText(definition.access) : 'internal',
  tier: definition.costTags.tier,
  team: definition.costTags.team,
  costCenter: definition.costTags.costCenter,
  domain: definition.domain,
  spot: definition.spot,
  scaling: `${definition.scaling.minScale}/${definition.scaling.maxScale}/${definition.scaling.concurrency}`,
  personalData: privacyText(definition.privacy),
});

/** A column of a rendered table: its heading and which field of the row it shows. */
export interface Column {
  heading: string;
  field: keyof FunctionRow;
}
