import { z } from 'zod';
import { defineConfig } from './fragment.ts';

const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/** Variables every function reads, whatever it does. */
export const platformConfig = defineConfig({
  name: 'platform',
  shape: {
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Origins allowed to call the API from a browser, comma-separated; empty = none. */
    CORS_ORIGINS: csv.default([]),
    /** Largest request body accepted, in bytes. */
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(10 * 1024 * 1024)
      .default(1024 * 1024),
    SERVICE_VERSION: z.string().default('dev'),
  },
  devDefaults: { CORS_ORIGINS: 'http://localhost:5173,http://127.0.0.1:5173' },
});
