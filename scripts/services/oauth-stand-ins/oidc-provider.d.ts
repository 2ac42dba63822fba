// The few members of oidc-provider (which ships no types) the loopback Google stand-in uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Grant {
    addOIDCScope: (scope: string) => void;
    save: () => Promise<string>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    Grant: new (properties: { accountId: string; clientId: string }) => Grant;
    callback: () => (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails: (req: IncomingMessage, res: ServerResponse) => Promise<{ uid: string; params: Record<string, unknown> }>;
    interactionFinished: (
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: Record<string, unknown>,
    ) => Promise<void>;
  }
}
