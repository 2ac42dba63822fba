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
    /**
     * OTLP/HTTP base URL of a collector (`http://collector:4318`): set, every function exports
     * traces and RED metrics to `<url>/v1/traces` and `<url>/v1/metrics`; empty or unset, nothing
     * of OpenTelemetry is even loaded.
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
    /** Share of new traces sampled (0–1); a request that arrives sampled or not keeps its caller's decision. */
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  },
  devDefaults: { CORS_ORIGINS: 'http://localhost:5173,http://127.0.0.1:5173' },
});
