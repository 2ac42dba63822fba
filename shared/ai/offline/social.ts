import type { FlowEdge, FlowNode } from '../../flows/index.ts';
import type { Segment } from './segments.ts';
import { capitalized, idFromTitle, quoted } from './words.ts';

/*
 * "…and Google login": a button per provider on the sign-up or login form, the provider's consent
 * popup, one token exchange and check, and a failure popup back to the form. A verified account joins
 * where the template starts the session; e-mail verification is skipped (the provider verified it).
 */

const at = { x: 0, y: 0 };
const names: Record<string, string> = { sso: 'your company (SSO)', 'single sign-on': 'your company (SSO)', social: 'a social account' };

/** The provider a match names: "Google login" → Google, "SSO" → your company (SSO). */
export const providerOf = (match: string): string => {
  const word = match.toLowerCase().split(/[\s-]+/)[0] ?? '';
  return names[word] ?? names[match.toLowerCase()] ?? (word === 'github' ? 'GitHub' : word === 'linkedin' ? 'LinkedIn' : capitalized(word));
};

export const socialBranch = (
  segments: readonly Segment[],
  providers: readonly string[],
  taken: Set<string>,
): { nodes: FlowNode[]; edges: FlowEdge[]; text: string } | null => {
  if (providers.length === 0) return null;
  const host = segments.find(
    (segment) => segment.use?.form && segment.use.session && segment.nodes.some((node) => node.id === segment.use?.form),
  );
  const form = host?.nodes.find((node) => node.id === host.use?.form);
  const session = host?.use?.session;
  if (host === undefined || form === undefined || session === undefined || (form.type !== 'screen' && form.type !== 'popup')) return null;
  const claim = (id: string) => {
    let next = id;
    for (let n = 2; taken.has(next); n += 1) next = `${id}_${n}`;
    taken.add(next);
    return next;
  };
  const exchange = claim('social_exchange');
  const verified = claim('social_verified');
  const failed = claim('social_failed');
  const list = providers.length === 1 ? providers[0]! : `${providers.slice(0, -1).join(', ')} or ${providers.at(-1)}`;
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  for (const provider of providers) {
    const key = idFromTitle(provider.replace(/\(.*\)/, ''));
    const button = `${form.id}_${key}_btn`;
    const consent = claim(`${key}_consent`);
    form.data = {
      ...form.data,
      elements: [...(form.data?.elements ?? []), { id: button, type: 'button', label: `Continue with ${provider}` }],
    };
    nodes.push({
      id: consent,
      type: 'popup',
      title: `Continue with ${provider}`,
      position: at,
      data: {
        elements: [
          { id: `${consent}_allow`, type: 'button', label: 'Allow' },
          { id: `${consent}_cancel`, type: 'button', label: 'Cancel' },
        ],
      },
    });
    edges.push(
      { id: claim(`${form.id}_to_${consent}`), source: form.id, target: consent, trigger: `onClick(${button})` },
      { id: claim(`${consent}_allowed`), source: consent, target: exchange, trigger: `onClick(${consent}_allow)` },
      { id: claim(`${consent}_cancelled`), source: consent, target: form.id, trigger: `onClick(${consent}_cancel)` },
    );
  }
  nodes.push(
    {
      id: exchange,
      type: 'api-call',
      title: 'Exchange the provider token',
      position: at,
      data: { method: 'POST', url: '/api/auth/oauth/callback' },
    },
    {
      id: verified,
      type: 'decision',
      title: 'Provider account verified?',
      position: at,
      data: { condition: 'response.ok && profile.emailVerified' },
    },
    {
      id: failed,
      type: 'popup',
      title: `Sign-in with ${list} failed`.slice(0, 100),
      position: at,
      data: { elements: [{ id: `${failed}_back`, type: 'button', label: 'Back' }] },
    },
  );
  edges.push(
    { id: claim(`${exchange}_done`), source: exchange, target: verified, trigger: 'onSuccess' },
    { id: claim(`${verified}_yes`), source: verified, target: session, trigger: 'if_true' },
    { id: claim(`${verified}_no`), source: verified, target: failed, trigger: 'if_false' },
    { id: claim(`${failed}_back`), source: failed, target: form.id, trigger: `onClick(${failed}_back)` },
  );
  const text = `Offer sign-in with ${list} on ${quoted(form.title)}: a consent popup per provider, the token exchange, and a failure popup back to the form; a verified account joins at ${quoted(host.nodes.find((node) => node.id === session)?.title ?? session)}`;
  return { nodes, edges, text };
};
