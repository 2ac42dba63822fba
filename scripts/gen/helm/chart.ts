import { stringify } from 'yaml';
import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { isHttpFunction } from '../function-kinds.ts';
import { generatedNotice, jsonFile, yamlFile, type GeneratedFile } from '../generated-file.ts';
import { cdnFilterRef } from '../knative/cdn.ts';
import { cluster } from '../knative/cluster.ts';
import { knativeBaseObjects } from '../knative/index.ts';
import { routeCdnPatches } from '../knative/overlays/cdn-patches.ts';
import { buildDisruptionBudget } from '../knative/overlays/disruption-budget.ts';
import { environments } from '../knative/overlays/environments.ts';
import { environmentSettings, type ReviewedScaling } from '../knative/overlays/index.ts';
import { cdnOverlay } from '../knative/overlays/cdn-patches.ts';
import { spotScheduling } from '../knative/spot-scheduling.ts';
import { autoscalingPrefix, scaleToZeroRetention } from '../knative/template-annotations.ts';
import { indented, templatedYaml } from './holes.ts';
import { chartValues, valuesSchema } from './values.ts';

/** Everything `npm run gen` owns under this directory. */
export const helmChartDir = 'charts/uxflow';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests as plain JSON

const header = `{{- /* ${generatedNotice} */ -}}\n`;
const envLabel = (t: ReturnType<typeof templatedYaml>, object: Json) => {
  object.metadata.labels = { ...object.metadata.labels, env: t.hole('.Values.environment | quote') };
};
const functionValues = (name: string) => `{{- $f := index .Values.functions ${JSON.stringify(name)} }}\n`;

/** A Knative Service: env label, APP_ENV, image, and every scaling field from `.Values.functions.<name>`. */
const serviceTemplate = (base: Json): string => {
  const t = templatedYaml();
  const object = structuredClone(base);
  envLabel(t, object);
  const template = object.spec.template;
  template.metadata.labels.env = t.hole('.Values.environment | quote');
  if (object.metadata.labels.tier !== undefined) object.metadata.labels.tier = t.hole('$f.tier | quote');
  if (template.metadata.labels.tier !== undefined) template.metadata.labels.tier = t.hole('$f.tier | quote');
  const annotations = template.metadata.annotations;
  const set = (key: string, expression: string) => {
    if (annotations[`${autoscalingPrefix}${key}`] !== undefined) annotations[`${autoscalingPrefix}${key}`] = t.hole(expression);
  };
  set('min-scale', '$f.minScale | quote');
  set('target', '$f.target | quote');
  set('scale-to-zero-pod-retention-period', 'include "uxflow.retention" $f.tier | quote');
  if (template.spec.containerConcurrency !== undefined) template.spec.containerConcurrency = t.hole('$f.containerConcurrency');
  template.spec.affinity = t.block((indent) => `${indent}{{- include "uxflow.placement" $f.spot | nindent ${indent.length} }}`);
  delete template.spec.tolerations;
  for (const container of template.spec.containers) {
    if (container.image === cluster.image) container.image = t.hole('include "uxflow.image" . | quote');
    if (object.metadata.labels['uxflow.dev/trigger'] !== undefined)
      for (const variable of container.env ?? []) if (variable.name === 'APP_ENV') variable.value = t.hole('.Values.environment | quote');
  }
  return header + functionValues(String(object.metadata.name)) + t.stringify(object);
};

/** An HTTPRoute: the API host, and the CDN filter on its public GET rules when `.Values.cdn.enabled`. */
const routeTemplate = (base: Json, cdnRules: ReadonlySet<number>): string => {
  const t = templatedYaml();
  const object = structuredClone(base);
  envLabel(t, object);
  object.spec.hostnames = [t.hole('.Values.apiHost | quote')];
  const reference = stringify([cdnFilterRef], { lineWidth: 0 });
  (object.spec.rules as Json[]).forEach((rule, index) => {
    if (!cdnRules.has(index)) return;
    rule.filters = [
      ...(rule.filters ?? []),
      t.block((indent) => `${indent}{{- if .Values.cdn.enabled }}\n${indented(reference, indent)}\n${indent}{{- end }}`),
    ];
  });
  return header + t.stringify(object);
};

/** Anything else of the base: the env label (the ExternalSecret also its store and refresh from `.Values.secrets`). */
const plainTemplate = (base: Json): string => {
  const t = templatedYaml();
  const object = structuredClone(base);
  envLabel(t, object);
  if (object.kind === 'ExternalSecret') {
    object.spec.secretStoreRef.name = t.hole('.Values.secrets.storeName | quote');
    object.spec.refreshInterval = t.hole('.Values.secrets.refreshInterval | quote');
  }
  return header + t.stringify(object);
};

/** A PodDisruptionBudget for every workload whose min-scale is at least one. */
const budgetTemplate = (name: string, labels: Json): string => {
  const t = templatedYaml();
  const object = structuredClone(buildDisruptionBudget(name, labels).toJSON()) as Json;
  envLabel(t, object);
  if (object.metadata.labels.tier !== undefined) object.metadata.labels.tier = t.hole('$f.tier | quote');
  return `${header}${functionValues(name)}{{- if ge (int $f.minScale) 1 }}\n${t.stringify(object).trimEnd()}\n{{- end }}\n`;
};

const helpers = (): string => {
  const placement = (['never', 'required', 'preferred'] as const)
    .map(
      (spot, index) =>
        `{{- ${index === 0 ? 'if' : 'else if'} eq . "${spot}" }}\n${stringify(spotScheduling(spot), { lineWidth: 0 }).trimEnd()}`,
    )
    .join('\n');
  const retention = Object.entries(scaleToZeroRetention)
    .map(([tier, period], index) => `{{- ${index === 0 ? 'if' : 'else if'} eq . "${tier}" }}${period}`)
    .join('');
  return [
    `{{- /* ${generatedNotice} */ -}}`,
    '',
    '{{/* Node placement of a Service by its spot preference (scripts/gen/knative/spot-scheduling.ts). */}}',
    '{{- define "uxflow.placement" }}',
    placement,
    '{{- else }}{{ fail (printf "spot must be preferred, required or never, not %q" .) }}',
    '{{- end }}',
    '{{- end }}',
    '',
    '{{/* How long the last idle pod stays, by tier (scripts/gen/knative/template-annotations.ts). */}}',
    '{{- define "uxflow.retention" }}',
    `${retention}{{- else }}{{ fail (printf "unknown tier %q" .) }}{{- end }}`,
    '{{- end }}',
    '',
    '{{/* The function image: by digest when the tag is one (sha256:…), else by tag. */}}',
    '{{- define "uxflow.image" }}',
    '{{- if hasPrefix "sha256:" .Values.image.tag }}{{ .Values.image.repository }}@{{ .Values.image.tag }}{{ else }}{{ .Values.image.repository }}:{{ .Values.image.tag }}{{ end }}',
    '{{- end }}',
    '',
  ].join('\n');
};

/**
 * charts/uxflow: the same objects as knative/base with each overlay's changes as values, so
 * `helm template -f values-<env>.yaml` equals `kustomize build knative/overlays/<env>` object for
 * object (tests/deploy/helm). values.yaml is production; values-staging.yaml and
 * values-production.yaml are complete for their environment.
 */
export const renderHelmChart = (
  definitions: readonly NamedFunction[],
  version: string,
  reviewed: ReviewedScaling = new Map(),
): GeneratedFile[] => {
  const http = definitions.filter(isHttpFunction);
  const cdnRules = new Map(
    routeCdnPatches(http).map(({ route, operations }) => [
      route,
      new Set(operations.filter((o) => o.op === 'add').map((o) => Number(o.path.split('/')[3]))),
    ]),
  );
  const templates = knativeBaseObjects(definitions).map(({ file, object }) => {
    const json = object as Json;
    const path = `${helmChartDir}/templates/${file}`;
    if (json.kind === 'Service' && String(json.apiVersion).startsWith('serving.knative.dev'))
      return { path, content: serviceTemplate(json) };
    if (json.kind === 'HTTPRoute') return { path, content: routeTemplate(json, cdnRules.get(String(json.metadata.name)) ?? new Set()) };
    return { path, content: plainTemplate(json) };
  });
  const budgets = environmentSettings(environments[0]!, definitions).map(({ name, labels }) => ({
    path: `${helmChartDir}/templates/disruption-budgets/${name}.yaml`,
    content: budgetTemplate(name, labels),
  }));
  const filter = cdnOverlay(http).filter;
  const cdn = filter
    ? [
        {
          path: `${helmChartDir}/templates/cdn/gcp-http-filter.yaml`,
          content: `${header}{{- if .Values.cdn.enabled }}\n${plainTemplate(filter).slice(header.length).trimEnd()}\n{{- end }}\n`,
        },
      ]
    : [];
  const valuesOf = (name: string) => {
    const environment = environments.find((e) => e.name === name)!;
    return chartValues(environment, environmentSettings(environment, definitions, reviewed));
  };
  const [staging, production] = [valuesOf('staging'), valuesOf('production')];
  return [
    yamlFile(`${helmChartDir}/Chart.yaml`, {
      apiVersion: 'v2',
      name: 'uxflow',
      description: 'UX Flow Engine functions on Knative (generated from the function definitions)',
      type: 'application',
      version,
      appVersion: version,
    }),
    yamlFile(`${helmChartDir}/values.yaml`, production),
    yamlFile(`${helmChartDir}/values-production.yaml`, production),
    yamlFile(`${helmChartDir}/values-staging.yaml`, staging),
    jsonFile(`${helmChartDir}/values.schema.json`, valuesSchema(Object.keys(production.functions))),
    { path: `${helmChartDir}/templates/_helpers.tpl`, content: helpers() },
    ...templates,
    ...budgets,
    ...cdn,
  ];
};
