import type { CronFunctionDefinition, EventFunctionDefinition, FunctionDefinition, HttpFunctionDefinition } from './define.ts';
import { domains, type Domain } from './metadata.ts';

/**
 * Where a function lives, derived from its file and never written in the definition:
 * `functions/<domain>/<file>.ts` is the function `<domain>-<file>` (its Knative Service name).
 */
export interface FunctionIdentity {
  name: string;
  domain: Domain;
}

/** A definition with its identity, as the loader, the generators and the hosts see it. */
export type Named<D> = D & FunctionIdentity;

const functionFile = /^functions\/([a-z0-9-]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)\.ts$/;

/**
 * The identity of the function in `file` (relative to the repository root), or a sentence saying
 * why the path cannot hold a function.
 */
export const identityOf = (file: string): FunctionIdentity | { problem: string } => {
  const match = functionFile.exec(file);
  if (!match) return { problem: `file ${file} must be functions/<domain>/<kebab-case-name>.ts` };
  const [, domain = '', base = ''] = match;
  if (!(domains as readonly string[]).includes(domain))
    return { problem: `folder functions/${domain} is not a domain (${domains.join(', ')})` };
  const name = `${domain}-${base}`;
  if (name.length > 63) return { problem: `name ${name} is longer than 63 characters (a Knative Service name)` };
  return { name, domain: domain as Domain };
};

/**
 * A sentence when the file name repeats its domain (`functions/flows/list-flows.ts` would be
 * `flows-list-flows`), else null: the name already says the domain once.
 */
export const stutterOf = (name: string, domain: string): string | null => {
  const words = name.slice(domain.length + 1).split('-');
  const forms = new Set([domain, domain.replace(/s$/, '')]);
  const repeated = words.find((word) => forms.has(word));
  if (!repeated) return null;
  const rest = words.filter((word) => !forms.has(word)).join('-') || '<verb>';
  return `${name} repeats its domain ("${repeated}"): name the file functions/${domain}/${rest}.ts`;
};

/** The definition in `file` with its identity; throws when the path cannot hold a function. */
export const named = <D extends object>(definition: D, file: string): Named<D> => {
  const identity = identityOf(file);
  if ('problem' in identity) throw new Error(identity.problem);
  return { ...definition, ...identity };
};

/** The loaded kinds, each named after its file: what the generators and build scripts read. */
export type NamedFunction = Named<FunctionDefinition>;
export type NamedHttpFunction = Named<HttpFunctionDefinition>;
export type NamedEventFunction = Named<EventFunctionDefinition>;
export type NamedCronFunction = Named<CronFunctionDefinition>;
