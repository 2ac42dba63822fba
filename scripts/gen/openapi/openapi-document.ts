import { OpenAPIHono } from '@hono/zod-openapi';
import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import type { AppEnv } from '../../../shared/platform/http/env.ts';
import { problemSchema } from '../../../shared/platform/http/schemas.ts';
import { isHttpFunction } from '../function-kinds.ts';
import { yamlFile, type GeneratedFile } from '../generated-file.ts';
import { compareText } from '../order.ts';
import { operationRoute } from './operation-route.ts';

export interface OpenApiInfo {
  /** The API version: package.json's. */
  version: string;
}

/** The OpenAPI 3.1 document of every visible route, built from the routes' own zod schemas. */
export const buildOpenApiDocument = (definitions: readonly NamedFunction[], info: OpenApiInfo) => {
  const app = new OpenAPIHono<AppEnv>();
  app.openAPIRegistry.register('Problem', problemSchema);
  const routes = definitions
    .filter(isHttpFunction)
    .filter((d) => d.route.hide !== true)
    .sort((a, b) => compareText(a.route.path, b.route.path) || compareText(a.route.method, b.route.method));
  for (const definition of routes) app.openapi(operationRoute(definition), definition.handler);
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'UX Flow Engine API', version: info.version },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'local (npm run dev)' }],
  });
};

export const renderOpenApi = (definitions: readonly NamedFunction[], info: OpenApiInfo): GeneratedFile =>
  yamlFile('openapi.yaml', buildOpenApiDocument(definitions, info));
