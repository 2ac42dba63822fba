import { z } from 'zod';
import { createBreachDeadlineAlerts, createBreachInvestigation, createBreachRegister, deploymentGraph } from '../../breach/index.ts';
import { newId } from '../../kernel/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { mailer } from '../mail/smtp-mailer.ts';
import { createAssessmentStore, createNoticeStore } from '../mongodb/breach-investigation-stores.ts';
import { createBreachAlertStore, createBreachHistoryStore, createBreachStore } from '../mongodb/breach-stores.ts';
import { createFunctionCallStore } from '../mongodb/function-call-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { webAppConfig } from '../web-app-config.ts';

/** The DPO's mailbox: deadline alerts go there, and drafted notices name it as the contact. */
export const dpoConfig = defineConfig({
  name: 'dpo',
  shape: { DPO_EMAIL: z.string().email() },
  devDefaults: { DPO_EMAIL: 'dpo@uxflow.dev' },
});

/** The DPO's address, for the functions that mail or name the DPO. */
export const dpoContact = defineResource({
  name: 'dpo-contact',
  config: dpoConfig,
  create: (config): string => config.DPO_EMAIL,
});

// One blast radius reads at most this many caller records (one per user, function, workspace and quarter hour).
const callerLimit = 200_000;

const clock = { now: () => new Date() };

/** The breach register and the DPO's investigation (blast radius, notices), over MongoDB. */
export const breachRegister = defineResource({
  name: 'breach-register',
  config: defineConfig({ name: 'breach-register', shape: {}, devDefaults: {} }),
  requires: [mongo, auditLog, dpoContact],
  create: (_config, { use }) => {
    const { db } = use(mongo);
    const breaches = createBreachStore(db);
    return {
      register: createBreachRegister({
        breaches,
        history: createBreachHistoryStore(db),
        alerts: createBreachAlertStore(db),
        audit: use(auditLog),
        clock,
        newId,
      }),
      investigation: createBreachInvestigation({
        breaches,
        assessments: createAssessmentStore(db),
        notices: createNoticeStore(db),
        calls: createFunctionCallStore(db),
        graph: deploymentGraph,
        audit: use(auditLog),
        clock,
        dpoContact: use(dpoContact),
        callerLimit,
      }),
    };
  },
});

/** The deadline alerts: raised once per breach and threshold, mailed to the DPO. */
export const breachSystem = defineResource({
  name: 'breach-system',
  config: webAppConfig,
  requires: [mongo, auditLog, mailer, dpoContact],
  create: (config, { use }) => {
    const { db } = use(mongo);
    return createBreachDeadlineAlerts({
      breaches: createBreachStore(db),
      history: createBreachHistoryStore(db),
      alerts: createBreachAlertStore(db),
      audit: use(auditLog),
      clock,
      send: (mail) => use(mailer).send(mail),
      dpoEmail: use(dpoContact),
      appUrl: config.WEB_APP_URL,
    });
  },
});
