import type { ExampleContext, ExampleRequest } from './examples.ts';
import type { Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

/** Valid requests for the billing functions of this group (see examples.ts). */
export const billingLedgerExamples: Record<string, Example> = {
  'billing-list-ledger': ({ workspaceId }) => ({ method: 'GET', path: `/v1/workspaces/${workspaceId}/credits/ledger?limit=10` }),
  'billing-get-usage': ({ workspaceId }) => ({ method: 'GET', path: `/v1/workspaces/${workspaceId}/usage?groupBy=day` }),
};
