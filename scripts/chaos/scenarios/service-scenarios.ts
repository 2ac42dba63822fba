import type { Scenario } from '../run-scenario.ts';
import { startKnowledgeRig } from '../rigs/knowledge-rig.ts';
import { startMailRig } from '../rigs/mail-rig.ts';
import { startStripeRig } from '../rigs/stripe-rig.ts';

const some503 = (what: string) => (phases: Parameters<NonNullable<Scenario['expect']>>[0]) =>
  Object.keys(phases.fault.unavailable).length === 0 ? [`no 503 while ${what} was stopped`] : [];

/** Chroma stopped: search and questions answer 503, the document list keeps answering. */
export const chromaScenario: Scenario = {
  name: 'chroma',
  services: ['mongodb', 'upstash', 'mail', 'chroma', 'embeddings'],
  target: { service: 'chroma', variable: 'CHROMA_URL' },
  fault: 'down',
  rig: startKnowledgeRig,
  expect: some503('Chroma'),
};

/** stripe-mock stopped: checkout answers 503, billing reads keep answering. */
export const stripeScenario: Scenario = {
  name: 'stripe',
  services: ['mongodb', 'upstash', 'mail', 'stripe'],
  target: { service: 'stripe', variable: 'STRIPE_API_BASE' },
  fault: 'down',
  rig: startStripeRig,
  expect: some503('Stripe'),
};

/** The SMTP sink stopped: invitations answer 503 and leave nothing stored; lists keep answering. */
export const smtpScenario: Scenario = {
  name: 'smtp',
  services: ['mongodb', 'upstash', 'mail'],
  target: { service: 'mail', variable: 'SMTP_URL' },
  fault: 'down',
  rig: startMailRig,
  expect: some503('the SMTP server'),
};
