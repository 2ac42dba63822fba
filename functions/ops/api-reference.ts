import { createRoute, z } from '@hono/zod-openapi';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { apiReferenceFunction } from './lib/api-reference.ts';

/**
 * The renderer reads its settings from the tag's attributes, so the page has no inline script and
 * its policy allows scripts from this origin only. "Try it" calls this same origin: no proxy, and
 * the API's own CORS rules apply. Fonts are the system's (the default ones come from a CDN).
 */
const configuration = JSON.stringify({
  withDefaultFonts: false,
  // Every tag open: the whole API is on one page, as a reader scrolls or searches it.
  defaultOpenAllTags: true,
  // Scalar's own tools (its AI chat, "deploy", "generate SDK") are its product, not ours.
  showDeveloperTools: 'never',
  agent: { disabled: true },
  proxyUrl: '',
  servers: [{ url: '/', description: 'this server' }],
  telemetry: false,
}).replaceAll("'", '&#39;');

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>UX Flow Engine API reference</title>
  </head>
  <body>
    <script id="api-reference" data-url="/openapi.json" data-configuration='${configuration}'></script>
    <script src="/docs/api-reference.js"></script>
  </body>
</html>
`;

const policy = [
  "default-src 'none'",
  "script-src 'self'",
  // The renderer (Vue) sets styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export default defineHttpFunction({
  ...apiReferenceFunction,
  description: 'Serves the API reference page: every operation of the contract, with "try it" against this server.',
  route: createRoute({
    method: 'get',
    path: '/docs',
    tags: ['ops'],
    summary: 'The API reference page (HTML)',
    responses: {
      200: { description: 'The page', content: { 'text/html': { schema: z.string() } } },
    },
  }),
  handler: (c) => {
    c.header('content-type', 'text/html; charset=utf-8');
    c.header('content-security-policy', policy);
    c.header('cache-control', 'public, max-age=300');
    return c.body(page, 200);
  },
});
