import type { NamedFunction } from '../../shared/platform/definition/identity.ts';
import { renderApiKeyPermissions } from './api-key-permissions.ts';
import { renderFunctionsMarkdown } from './docs/functions-markdown.ts';
import type { GeneratedFile } from './generated-file.ts';
import { renderKnativeBase } from './knative/index.ts';
import { renderKnativeOverlays, type ReviewedScaling } from './knative/overlays/index.ts';
import { renderHelmChart } from './helm/chart.ts';
import { renderOpenApi, type OpenApiInfo } from './openapi/openapi-document.ts';
import { renderOpenFaasStack } from './openfaas/stack.ts';
import { sortedBy } from './order.ts';
import { renderRuntimeSecretsTf } from './terraform/runtime-secrets.ts';
import { usedConfigFragments } from './config-fragments.ts';
import { runtimeSecretKeys } from './knative/runtime-secret-keys.ts';

/**
 * Every artifact derived from the definitions (and the reviewed production scaling), sorted by path. Pure: the same definitions give
 * byte-identical files, whatever order they were loaded in.
 */
export const renderAll = (
  definitions: readonly NamedFunction[],
  info: OpenApiInfo,
  reviewed: ReviewedScaling = new Map(),
): GeneratedFile[] => {
  const sorted = sortedBy(definitions, (d) => d.name);
  const files = sortedBy(
    [
      ...renderKnativeBase(sorted),
      ...renderKnativeOverlays(sorted, reviewed),
      ...renderHelmChart(sorted, info.version, reviewed),
      renderOpenFaasStack(sorted),
      renderOpenApi(sorted, info),
      renderFunctionsMarkdown(sorted),
      renderApiKeyPermissions(sorted),
      renderRuntimeSecretsTf(runtimeSecretKeys(usedConfigFragments(sorted))),
    ],
    (file) => file.path,
  );
  const duplicate = files.find((file, index) => files[index - 1]?.path === file.path);
  if (duplicate) throw new Error(`two generated artifacts would be written to ${duplicate.path}`);
  return files;
};
