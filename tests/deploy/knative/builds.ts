import { buildKustomization } from '../../../scripts/deploy-policy/kustomize.ts';
import { listYamlFiles, objectsOfStream, readObjects, type SourcedObject } from '../../../scripts/deploy-policy/manifests.ts';
import { policyContext } from '../../../scripts/deploy-policy/context.ts';
import type { PolicyContext } from '../../../scripts/deploy-policy/types.ts';
import { environments, type Environment } from '../../../scripts/gen/knative/overlays/environments.ts';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import type { NamedFunction } from '../../../shared/platform/definition/index.ts';

/** One set of manifests the checks run over: knative/base as committed, or an overlay as kustomize builds it. */
export interface Build {
  name: string;
  objects: SourcedObject[];
  context: PolicyContext;
}

let definitions: Promise<NamedFunction[]> | undefined;
export const functionDefinitions = () => (definitions ??= loadDefinitions().then((loaded) => loaded.map((l) => l.definition)));

const isKustomization = (file: string) => /(^|\/)kustomization\.ya?ml$/.test(file);

/** The object files of knative/base (its kustomization is kustomize's input, not a cluster object). */
export const readBase = async (): Promise<Build> => {
  const files = (await listYamlFiles('knative/base')).filter((file) => !isKustomization(file));
  return { name: 'base', objects: await readObjects(files), context: policyContext(await functionDefinitions(), 'base') };
};

export const overlayDir = (environment: Environment) => `knative/overlays/${environment.name}`;

/** What `kubectl apply -k knative/overlays/<env>` would send to the cluster. */
export const buildOverlay = async (environment: Environment): Promise<Build> => {
  const dir = overlayDir(environment);
  return {
    name: dir,
    objects: objectsOfStream(await buildKustomization(dir), `kustomize build ${dir}`),
    context: policyContext(await functionDefinitions(), environment),
  };
};

export const environmentNamed = (name: Environment['name']): Environment => {
  const environment = environments.find((e) => e.name === name);
  if (!environment) throw new Error(`no environment ${name}`);
  return environment;
};
