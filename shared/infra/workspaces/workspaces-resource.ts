import { emailIndex } from '../crypto/blind-index.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { createInvitationService, createMemberService, createWorkspaceService, type WorkspacesPorts } from '../../workspaces/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { createLiveSubscriptions } from '../billing/live-subscriptions.ts';
import { mailer } from '../mail/smtp-mailer.ts';
import { createInvitationStore } from '../mongodb/invitation-store.ts';
import { createMemberStore } from '../mongodb/member-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createPeopleStore } from '../mongodb/people-store.ts';
import { createWorkspaceSlotStore } from '../mongodb/workspace-slot-store.ts';
import { createWorkspaceStore } from '../mongodb/workspace-store.ts';
import { webAppConfig } from '../web-app-config.ts';

/** The workspace, member and invitation services wired to MongoDB and SMTP (the mailer connects only to send). */
export const workspacesService = defineResource({
  name: 'workspaces-service',
  config: webAppConfig,
  requires: [mongo, fieldSealer, emailIndex, mailer, auditLog],
  create: (config, { use }) => {
    const { db } = use(mongo);
    const ports: WorkspacesPorts = {
      workspaces: createWorkspaceStore(db),
      slots: createWorkspaceSlotStore(db),
      members: createMemberStore(db),
      invitations: createInvitationStore(db, use(fieldSealer), use(emailIndex)),
      people: createPeopleStore(db, use(fieldSealer), use(emailIndex)),
      mailer: {
        send: (mail) => use(mailer).send(mail),
      },
      subscriptions: createLiveSubscriptions(db),
      clock: { now: () => new Date() },
      audit: use(auditLog),
      appUrl: config.WEB_APP_URL,
    };
    return {
      workspaces: createWorkspaceService(ports),
      members: createMemberService(ports),
      invitations: createInvitationService(ports),
    };
  },
});
