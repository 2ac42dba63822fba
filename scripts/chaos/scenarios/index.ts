import type { Scenario } from '../run-scenario.ts';
import { mongodbScenario, redisScenario, slowScenario } from './flows-scenarios.ts';
import { chromaScenario, smtpScenario, stripeScenario } from './service-scenarios.ts';

export const scenarios: Record<string, Scenario> = {
  mongodb: mongodbScenario,
  redis: redisScenario,
  chroma: chromaScenario,
  stripe: stripeScenario,
  smtp: smtpScenario,
  slow: slowScenario,
};
