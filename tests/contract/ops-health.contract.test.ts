import { describe, expect, it } from 'vitest';
import dependencies from '../../functions/ops/dependencies.ts';
import health from '../../functions/ops/health.ts';
import notFound from '../../functions/ops/not-found.ts';
import { loadDefinitions } from '../../scripts/lib/load-definitions.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { documentedOperations, specViolations } from './openapi-spec.ts';

/** Every dependency points at a port nobody listens on: the dependency report must answer 503, as documented. */
const unreachable = {
  APP_ENV: 'production',
  LOG_LEVEL: 'silent',
  MONGODB_URI: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300',
  MONGODB_DB: 'contract',
  UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1',
  UPSTASH_REDIS_REST_TOKEN: 'contract-token',
  CHROMA_URL: 'http://127.0.0.1:1',
  STRIPE_SECRET_KEY: 'sk_test_contract',
  STRIPE_API_BASE: 'http://127.0.0.1:1',
  RATE_LIMIT_UPGRADE_URL: 'https://app.uxflow.dev/settings/billing',
};

const call = async (app: { request: (path: string) => Response | Promise<Response> }, path: string) => {
  const response = await app.request(path);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as unknown };
};

describe('responses against openapi.yaml', () => {
  it('should document every non-hidden HTTP route of the definitions', async () => {
    const routes = (await loadDefinitions())
      .map(({ definition }) => definition)
      .filter((d) => d.kind === 'http' && !d.route.hide)
      .map((d) => (d.kind === 'http' ? `${d.route.method.toUpperCase()} ${d.route.path}` : ''));
    expect(documentedOperations().sort()).toEqual(routes.sort());
  });

  it('should answer GET /v1/health/dependencies with a documented 503 body when no dependency answers', async () => {
    const runtime = createRuntime(dependencies, unreachable);
    const response = await call(createHttpApp(dependencies, runtime), '/v1/health/dependencies');
    await runtime.close();
    expect(response.status).toBe(503);
    expect(specViolations('GET', '/v1/health/dependencies', response)).toEqual([]);
  });

  it('should answer GET /v1/health with a documented 200 body when no dependency answers', async () => {
    const runtime = createRuntime(health, unreachable);
    const response = await call(createHttpApp(health, runtime), '/v1/health');
    await runtime.close();
    expect(response.status).toBe(200);
    expect(specViolations('GET', '/v1/health', response)).toEqual([]);
  });

  it('should answer an unknown path with the documented problem document', async () => {
    const response = await call(createHttpApp(notFound, createRuntime(notFound, unreachable)), '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(specViolations('GET', '/v1/health', response)).toEqual([]);
  });

  it('should report a violation when a body breaks the schema', () => {
    expect(specViolations('GET', '/v1/health', { status: 200, contentType: 'application/json', body: { status: 'fine' } })).not.toEqual([]);
  });
});
