/**
 * `npm run knowledge -- seed`: loads `shared/knowledge/articles/*.md` into the global collection
 * (changed articles re-embedded, removed ones deleted, unchanged ones left alone). Needs MongoDB
 * (the embedding cache), Chroma and the embedder; starts the local ones when they are not running.
 */
import { ensureServices } from '../services/index.ts';
import { isEntryModule } from '../services/paths.ts';
import { knowledgePorts } from '../../shared/infra/knowledge/knowledge-resource.ts';
import { seedGlobal, type SeedReport } from '../../shared/knowledge/index.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { articlesDir, loadArticles } from './articles.ts';

/** Seeds the global knowledge base from `dir`; progress lines go to `log`. */
export const seed = async (
  env: Record<string, string | undefined>,
  log: (line: string) => void,
  dir = articlesDir,
): Promise<SeedReport> => {
  const articles = await loadArticles(dir);
  const runtime = createRuntime({ name: 'knowledge-seed', uses: [knowledgePorts] }, { APP_ENV: 'development', LOG_LEVEL: 'warn', ...env });
  try {
    const ports = runtime.use(knowledgePorts);
    log(`${articles.length} articles in ${dir}`);
    return await seedGlobal(ports, articles, (slug, done, total) => log(`embedded ${slug} (${done}/${total})`));
  } finally {
    await runtime.close();
  }
};

const usage = 'usage: npm run knowledge -- seed';

if (isEntryModule(import.meta.url)) {
  const [command] = process.argv.slice(2);
  if (command !== 'seed') {
    console.error(usage);
    process.exitCode = 2;
  } else {
    try {
      const services = await ensureServices({ only: ['mongodb', 'chroma', 'embeddings'] });
      const report = await seed({ ...services, ...process.env }, (line) => console.log(`[knowledge] ${line}`));
      console.log(
        `[knowledge] seeded: ${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed, ${report.unchanged} unchanged (${report.chunks} chunks written)`,
      );
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  }
}
