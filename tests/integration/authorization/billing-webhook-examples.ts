import type { ExampleContext, ExampleRequest } from './examples.ts';
import type { Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

/** Valid requests for the billing functions of this group (see examples.ts). */
export const billingWebhookExamples: Record<string, Example> = {
  'billing-get': ({ workspaceId }) => ({ method: 'GET', path: `/v1/workspaces/${workspaceId}/billing` }),
};
