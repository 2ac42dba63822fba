import { describe, expect, it } from 'vitest';
import { chroma } from '../../../shared/infra/chroma/chroma-client.ts';
import { createChromaVectorIndex } from '../../../shared/infra/chroma/knowledge-vector-index.ts';
import { toProblem } from '../../../shared/platform/http/problem.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';

/** Chroma at a port where nothing listens: the client is made on first use and fails there. */
const unreachable = () =>
  createRuntime(
    { name: 'knowledge-chroma-test', uses: [chroma] },
    { APP_ENV: 'test', LOG_LEVEL: 'silent', CHROMA_URL: 'http://127.0.0.1:9' },
  );

const problemOf = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error: unknown) => toProblem(error).problem,
  );

describe('the Chroma client, loaded on first use', () => {
  it('should make one client per instance, on the first call', async () => {
    const connection = unreachable().use(chroma);
    const first = connection.client();
    expect(await first).toBe(await connection.client());
  });

  it('should answer 503 KNOWLEDGE_UNAVAILABLE when Chroma cannot be reached', async () => {
    const vectors = createChromaVectorIndex(unreachable().use(chroma), 'unit');
    expect(await problemOf(vectors.workspaceIds())).toMatchObject({ status: 503, code: 'KNOWLEDGE_UNAVAILABLE' });
    expect(await problemOf(vectors.nearest({ kind: 'global' }, [1, 0], { model: 'm', dimension: 2 }, 3))).toMatchObject({
      status: 503,
      code: 'KNOWLEDGE_UNAVAILABLE',
    });
  });
});
