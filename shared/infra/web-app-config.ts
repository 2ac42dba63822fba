import { z } from 'zod';
import { defineConfig } from '../platform/config/fragment.ts';

/** The web client's base URL: links in mails (verification, reset, invitations) and upgrade links point there. */
export const webAppConfig = defineConfig({
  name: 'web-app',
  shape: {
    WEB_APP_URL: z
      .string()
      .url()
      .transform((url) => url.replace(/\/+$/, '')),
  },
  devDefaults: { WEB_APP_URL: 'http://localhost:5173' },
});
