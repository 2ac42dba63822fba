import { newId } from '../../../shared/kernel/index.ts';
import type { ExampleContext, ExampleRequest } from './examples.ts';
import type { Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

/**
 * Valid requests for the staff security endpoints (see examples.ts). No matrix caller holds a
 * platform role, so each is refused before the incident is looked up: any incident id will do.
 */
export const securityExamples: Record<string, Example> = {
  'security-get-incident': () => ({ method: 'GET', path: `/v1/admin/security/incidents/${newId('inc')}` }),
  'security-update-incident': () => ({
    method: 'PATCH',
    path: `/v1/admin/security/incidents/${newId('inc')}`,
    headers: { 'if-match': '"0"' },
    body: { status: 'acknowledged' },
  }),
};
