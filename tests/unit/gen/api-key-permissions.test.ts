// First: zod schemas get `.openapi()` only when built after this extension (see loadDefinitions).
import '@hono/zod-openapi';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { apiKeyPermissionsPath, apiKeyPermissionUses, renderApiKeyPermissions } from '../../../scripts/gen/api-key-permissions.ts';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { apiKeyPermissions } from '../../../shared/identity/api-key-permissions.ts';
import { jwt, jwtOrApiKey } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { authenticated, publicAccess } from '../../../shared/platform/definition/index.ts';
import { cronFunction, httpFunction } from './fixtures.ts';

const withAccess = (name: string, access: ReturnType<typeof authenticated> | ReturnType<typeof publicAccess>) => ({
  ...httpFunction({ name, path: `/v1/${name}` }),
  access,
});

const definitions = [
  withAccess('flows-list', authenticated(jwtOrApiKey, 'flows:read')),
  withAccess('flows-get', authenticated(jwtOrApiKey, 'flows:read')),
  withAccess('workspaces-get', authenticated(jwtOrApiKey, 'workspace:read')),
  withAccess('workspaces-delete', authenticated(jwt, 'workspace:delete')),
  withAccess('identity-me', authenticated(jwt, 'self')),
  withAccess('flows-validate', authenticated(jwtOrApiKey, 'self')),
  withAccess('billing-list-plans', publicAccess('the price list is public')),
  cronFunction(),
];

describe('the permissions an API key may carry', () => {
  it('should take only the permissions of functions that accept keys, in the order of the permission list', () => {
    expect(apiKeyPermissionUses(definitions)).toEqual([
      ['workspace:read', ['workspaces-get']],
      ['flows:read', ['flows-get', 'flows-list']],
    ]);
  });

  it('should render a module prettier leaves as it is', async () => {
    const { path, content } = renderApiKeyPermissions(definitions);
    expect(path).toBe(apiKeyPermissionsPath);
    const options = { ...(await resolveConfig(fromRoot(path))), filepath: fromRoot(path) };
    expect(await format(content, options)).toBe(content);
    expect(content).toContain("  'flows:read', // flows-get, flows-list\n");
  });

  it('should be, as committed, what the function definitions declare', async () => {
    const loaded = (await loadDefinitions()).map(({ definition }) => definition);
    expect(apiKeyPermissions).toEqual(apiKeyPermissionUses(loaded).map(([permission]) => permission));
  });
});
