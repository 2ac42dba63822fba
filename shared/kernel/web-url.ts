import { z } from 'zod';

export interface WebUrlRules {
  /** Also accept `http:` (return and redirect targets, which an allow-list then judges). Default: `https:` only. */
  http?: boolean;
  /** Hosts accepted: each one and its subdomains (`figma.com` takes `www.figma.com`). Default: any host. */
  hosts?: readonly string[];
  /**
   * Also accept a reference relative to some web address (`/api/users`, `{{base}}/login`): text that
   * documents an endpoint rather than a link we follow. It still may not name another scheme.
   */
  relative?: boolean;
}

// Resolves relative references; never requested, only parsed.
const relativeBase = 'https://relative.invalid/';
// A browser drops leading/trailing C0 controls and spaces and every tab and newline before it reads
// the scheme ("java\tscript:"), so text holding any of them is refused rather than guessed about.
const controlOrSpace = /[\u0000-\u0020\u007f]/;

/**
 * Whether `value` is a web address by `rules`: parsed as a browser parses it (WHATWG URL), with
 * scheme `https:` (or `http:` when allowed) and, when `hosts` is given, one of those hosts. Every
 * other scheme — `javascript:`, `data:`, `vbscript:`, `file:` — is refused: these values reach other
 * members' browsers as links and image sources.
 */
export const isWebUrl = (value: string, rules: WebUrlRules = {}): boolean => {
  if (!rules.relative && controlOrSpace.test(value)) return false;
  let url: URL;
  try {
    url = rules.relative ? new URL(value, relativeBase) : new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && !(rules.http === true && url.protocol === 'http:')) return false;
  if (rules.hosts === undefined) return true;
  const host = url.hostname.toLowerCase();
  return rules.hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
};

const describe = (rules: WebUrlRules): string => {
  const schemes = rules.http ? 'an http: or https: URL' : 'an https: URL';
  const where = rules.hosts ? ` on ${rules.hosts.join(' or ')}` : '';
  return rules.relative ? `must be a path or ${schemes}` : `must be ${schemes}${where}`;
};

/**
 * The one schema for a URL taken from outside (flow documents, operations, templates, imports,
 * return and redirect targets). zod's own `z.url()` accepts any scheme, `javascript:` included.
 */
export const webUrlSchema = (rules: WebUrlRules & { max?: number } = {}) =>
  // z.url() for absolute ones: it says `format: uri` in the OpenAPI document (its own check takes any scheme).
  (rules.relative ? z.string() : z.url()).max(rules.max ?? 2000).refine((value) => isWebUrl(value, rules), { message: describe(rules) });

/** Figma's own hosts: a `figmaLink` names a Figma file, frame or prototype. */
export const figmaHosts = ['figma.com'] as const;
