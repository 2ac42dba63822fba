import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { fromRoot } from '../../../scripts/lib/paths.ts';

/** The hand-written observability bundle under knative/observability, read for the tests. */
export const observabilityDir = fromRoot('knative', 'observability');
const read = (file: string) => readFileSync(`${observabilityDir}/${file}`, 'utf8');

export const parseYaml = (text: string, file: string): unknown => {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
  return document.toJS() as unknown;
};

export interface Target {
  refId?: string;
  expr?: unknown;
}
export interface Panel {
  id?: number;
  type: string;
  title: string;
  targets?: Target[];
  panels?: Panel[];
}
export interface TemplateVariable {
  name: string;
  type: string;
  query?: unknown;
  definition?: string;
  multi?: boolean;
  includeAll?: boolean;
}
export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: TemplateVariable[] };
}

export const dashboardFile = 'uxflow-functions.json';
export const readDashboard = (): Dashboard => JSON.parse(read(dashboardFile)) as Dashboard;

/** Every panel, rows' nested panels included, that is not itself a row. */
export const allPanels = (dashboard: Dashboard): Panel[] =>
  dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]).filter((panel) => panel.type !== 'row');

export interface Rule {
  record?: string;
  alert?: string;
  expr?: unknown;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface PrometheusRule {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: { groups: { name: string; interval?: string; rules: Rule[] }[] };
}

export const rulesFile = 'prometheusrule.yaml';
export const readRules = (): PrometheusRule => parseYaml(read(rulesFile), rulesFile) as PrometheusRule;
export const rulesOf = (resource: PrometheusRule): Rule[] => resource.spec.groups.flatMap((group) => group.rules);

export interface Kustomization {
  namespace?: string;
  resources?: string[];
  configMapGenerator?: { name: string; files?: string[]; options?: { labels?: Record<string, string> } }[];
}
export const readKustomization = (): Kustomization => parseYaml(read('kustomization.yaml'), 'kustomization.yaml') as Kustomization;
export const readResource = (file: string): unknown => parseYaml(read(file), file);

/** The trimmed PrometheusRule schema in tests/deploy/schemas (its source is in its `$comment`). */
const ajv = new Ajv({ strict: true, allErrors: true });
const validate = ajv.compile(
  JSON.parse(readFileSync(fromRoot('tests', 'deploy', 'schemas', 'prometheus-rule.schema.json'), 'utf8')) as object,
);
export const ruleSchemaViolations = (resource: unknown): string[] =>
  validate(resource) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export const markdownAnchors = (markdown: string): Set<string> =>
  new Set(
    [...markdown.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((heading) =>
      heading[1]!
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
