import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { fromRoot } from '../../scripts/lib/paths.ts';

interface MediaType {
  schema?: object;
}
interface Operation {
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, object> };
}

const spec = parse(readFileSync(fromRoot('openapi.yaml'), 'utf8')) as OpenApiDocument;
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'openapi', components: spec.components ?? {} });

/** The schema openapi.yaml promises for a response (the `default` one when the status is not listed). */
const responseSchema = (method: string, path: string, status: number, contentType: string): object => {
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`openapi.yaml has no ${method} ${path}`);
  const response = operation.responses[String(status)] ?? operation.responses.default;
  const media = response?.content?.[contentType.split(';')[0]!.trim()];
  if (!media?.schema) throw new Error(`openapi.yaml documents no ${contentType} body for ${method} ${path} ${status}`);
  return JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/', '"openapi#/components/')) as object;
};

/** Problems with a response body against openapi.yaml; an empty list when it conforms. */
export const specViolations = (method: string, path: string, response: { status: number; contentType: string; body: unknown }) => {
  const validate = ajv.compile(responseSchema(method, path, response.status, response.contentType));
  return validate(response.body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
};

/** Every operation in openapi.yaml as `METHOD path`. */
export const documentedOperations = () =>
  Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
