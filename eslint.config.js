// @ts-check
import tseslint from 'typescript-eslint';

const builtins = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const nodePrefix = { paths: builtins.map((name) => ({ name, message: `import 'node:${name}' (the node: prefix is required)` })) };

/** Drivers, SDKs and frameworks: adapters (shared/infra) and the platform may use them, domain code never. */
const infrastructure =
  '^(hono|@hono/.+|hono/.+|mongodb|@upstash/.+|chromadb|stripe|jose|cloudevents|pino|@google-cloud/.+|nodemailer|ai|@ai-sdk/.+)$';
const drivers = '^(mongodb|@upstash/.+|chromadb|stripe|jose|cloudevents|@google-cloud/.+|nodemailer|ai|@ai-sdk/.+)$';
const processEnv = { object: 'process', property: 'env', message: 'read configuration through loadConfig (shared/platform/config) only' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.build/', '.serverless/', 'coverage/', 'clients/typescript/schema.d.ts', '**/*.js', '**/*.mjs', '!eslint.config.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': ['error', nodePrefix],
    },
  },
  {
    // Domain code is pure: no frameworks, drivers, SDKs or process.env (docs/architecture.md).
    files: ['shared/**/*.ts'],
    ignores: ['shared/platform/**', 'shared/infra/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...nodePrefix,
          patterns: [
            { regex: infrastructure, message: 'domain code must not import frameworks, drivers or SDKs; use a port' },
            { group: ['**/platform/**', '**/infra/**'], message: 'domain code must not depend on the platform or adapters' },
          ],
        },
      ],
      'no-restricted-properties': ['error', processEnv],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain code must not touch the process' }],
    },
  },
  {
    // Functions reach drivers only through shared/infra adapters.
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...nodePrefix, patterns: [{ regex: drivers, message: 'use an adapter from shared/infra' }] }],
      'no-restricted-properties': ['error', processEnv],
    },
  },
  {
    files: ['shared/platform/**/*.ts', 'shared/infra/**/*.ts'],
    ignores: ['shared/platform/config/load-config.ts', 'shared/platform/runtime.ts', 'shared/platform/hosts/**'],
    rules: { 'no-restricted-properties': ['error', processEnv] },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off' },
  },
);
