/** The metadata every test definition needs and no test is about. */
export const testMetadata = {
  description: 'test function',
  uses: [],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'standard' as const },
  privacy: { personalData: 'none' as const },
};

/** Development defaults apply, logs stay quiet. */
export const quietTestEnv = { APP_ENV: 'test', LOG_LEVEL: 'silent' };
