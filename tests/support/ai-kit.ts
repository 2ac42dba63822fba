import { randomUUID } from 'node:crypto';
import { migrate } from '../../scripts/db/migrate.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import type { LanguageModels } from '../../shared/ai/index.ts';
import { languageModels } from '../../shared/infra/ai/language-models-resource.ts';
import { createModelCallStore } from '../../shared/infra/mongodb/model-call-store.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';
import { startAiWireServer, type WireKind, type WireServer } from './ai-wire-server.ts';
import { authTestEnv } from './auth-test-env.ts';

/** A provider of the test: its name in the configuration is also its label on the wire server. */
export interface TestProvider {
  name: string;
  kind: WireKind;
}

/** The AI variables for providers on the wire server, with a price of $1 in / $2 out per million tokens per model. */
export const aiTestEnv = (server: WireServer, providers: readonly TestProvider[], models: string): Record<string, string> => {
  const refs = [...new Set(models.split(/[;,]/).map((entry) => entry.slice(entry.indexOf('=') + 1).trim()))].filter(Boolean);
  return {
    AI_PROVIDERS: providers.map((p) => `${p.name}=${p.kind}@${server.baseURL(p.name, p.kind)}`).join(';'),
    AI_API_KEYS: providers.map((p) => `${p.name}=key-${p.name}`).join(';'),
    AI_MODELS: models,
    AI_PRICES: refs.map((ref) => `${ref}=1/2`).join(';'),
  };
};

/**
 * The language models as a function builds them (the resource, its configuration, the breaker in
 * the real Redis behind the Upstash bridge, the call log in a MongoDB database of the file's own),
 * against the local wire server. Provider names carry the run's id, so breakers of parallel runs
 * never meet; two `models()` of the same providers are two instances sharing their breakers.
 */
export const startAiKit = async (name: string) => {
  const services = await ensureServices({ only: ['mongodb', 'upstash'] });
  const run = randomUUID().slice(0, 8);
  const database = `it_${name}_${run}`;
  const base = authTestEnv(services, database);
  await migrate(services.MONGODB_URI!, database);
  const server = await startAiWireServer();
  const runtimes: Runtime[] = [];

  /** A provider name unique to this run (`<label>-<run>`). */
  const provider = (label: string, kind: WireKind): TestProvider => ({ name: `${label}-${run}`, kind });

  const models = (providers: readonly TestProvider[], map: string, env: Record<string, string> = {}): LanguageModels => {
    const runtime = createRuntime(
      { name: `${name}-fn`, uses: [languageModels] },
      { ...base, ...aiTestEnv(server, providers, map), ...env },
    );
    runtimes.push(runtime);
    return runtime.use(languageModels);
  };

  const offline = { AI_PROVIDERS: 'none', AI_API_KEYS: 'none', AI_MODELS: 'none', AI_PRICES: 'none' };
  const dbRuntime = createRuntime({ name: `${name}-db`, uses: [languageModels] }, { ...base, ...offline });
  runtimes.push(dbRuntime);
  const db = dbRuntime.use(mongo).db;
  const calls = createModelCallStore(db);

  const close = async () => {
    await db.dropDatabase();
    for (const runtime of runtimes) await runtime.close();
    await server.close();
  };
  return { server, run, base, offline, provider, models, calls, db, close };
};

export type AiKit = Awaited<ReturnType<typeof startAiKit>>;
