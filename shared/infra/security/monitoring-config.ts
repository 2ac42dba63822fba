import { z } from 'zod';
import { detectionSettingsShape, severities } from '../../security/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';

/** The detection thresholds, and who is mailed about alerts. */
export const monitoringConfig = defineConfig({
  name: 'security-monitoring',
  shape: {
    ...detectionSettingsShape,
    /** Staff addresses (comma-separated) mailed about each alert at or above the severity below; empty: none. */
    SECURITY_ALERT_MAIL_TO: z
      .string()
      .default('')
      .transform((list) =>
        list
          .split(',')
          .map((address) => address.trim())
          .filter((address) => address !== ''),
      )
      .pipe(z.array(z.email())),
    SECURITY_ALERT_MAIL_MIN_SEVERITY: z.enum(severities).default('medium'),
    /** Where the mail's incident link points (the API base the staff console calls). */
    SECURITY_CONSOLE_URL: z.string().url().default('https://api.uxflow.dev'),
  },
  devDefaults: { SECURITY_ALERT_MAIL_TO: 'security-team@uxflow.dev', SECURITY_CONSOLE_URL: 'http://127.0.0.1:3000' },
});
