import { brokerConfig } from '../../infra/broker/broker-publisher.ts';
import { authConfig } from '../../infra/jose/auth-config.ts';
import { chromaConfig } from '../../infra/chroma/chroma-resource.ts';
import { loginLockoutConfig } from '../../infra/identity/login-lockout-config.ts';
import { embeddingsConfig } from '../../infra/knowledge/embeddings-config.ts';
import { knowledgeConfig } from '../../infra/knowledge/knowledge-config.ts';
import { mailConfig } from '../../infra/mail/smtp-mailer.ts';
import { mongoConfig } from '../../infra/mongodb/mongo-resource.ts';
import { oauthConfig } from '../../infra/oauth/oauth-config.ts';
import { stripeConfig } from '../../infra/stripe/stripe-config.ts';
import { stripeReturnConfig } from '../../infra/stripe/stripe-return-config.ts';
import { stripeWebhookConfig } from '../../infra/stripe/webhook-verifier.ts';
import { redisConfig } from '../../infra/upstash/redis-config.ts';
import { webAppConfig } from '../../infra/web-app-config.ts';
import type { ConfigFragment } from './fragment.ts';
import { platformConfig } from './platform-config.ts';
import { rateLimitConfig } from '../rate-limit/rate-limit-config.ts';

/** Every configuration fragment; `.env.example` and the README's table must list each variable. Build-time only. */
export const allConfigFragments: readonly ConfigFragment[] = [
  platformConfig,
  mongoConfig,
  redisConfig,
  chromaConfig,
  embeddingsConfig,
  knowledgeConfig,
  stripeConfig,
  stripeReturnConfig,
  stripeWebhookConfig,
  brokerConfig,
  authConfig,
  mailConfig,
  oauthConfig,
  webAppConfig,
  rateLimitConfig,
  loginLockoutConfig,
];
