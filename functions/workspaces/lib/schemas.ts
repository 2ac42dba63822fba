import { z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/kernel/index.ts';
import { workspaceParams } from '../../../shared/platform/http/schemas.ts';
import {
  plans,
  workspaceRoles,
  type InvitationRecord,
  type WorkspaceRecord,
  type WorkspaceRole,
} from '../../../shared/workspaces/index.ts';

export const memberParams = workspaceParams.extend({ userId: idSchema('usr') });
export const invitationParams = workspaceParams.extend({ invitationId: idSchema('inv') });

export const workspaceNameSchema = z.string().trim().min(1).max(100);
export const roleSchema = z.enum(workspaceRoles);

export const workspaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    plan: z.enum(plans),
    trialEndsAt: z.string().nullable(),
    personal: z.boolean(),
    ownerId: z.string(),
    createdAt: z.string(),
    role: roleSchema
      .nullable()
      .openapi({ description: 'The caller’s role in the workspace; null for an API key (it has permissions, not a role)' }),
  })
  .openapi('Workspace');

export const toWorkspaceBody = (workspace: WorkspaceRecord, role: WorkspaceRole | null): z.infer<typeof workspaceSchema> => ({
  id: workspace.id,
  name: workspace.name,
  plan: workspace.plan,
  trialEndsAt: workspace.trialEndsAt?.toISOString() ?? null,
  personal: workspace.personal,
  ownerId: workspace.ownerId,
  createdAt: workspace.createdAt.toISOString(),
  role,
});

export const memberSchema = z
  .object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable(), role: roleSchema, joinedAt: z.string() })
  .openapi('WorkspaceMember');

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    invitedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    status: z.enum(['pending', 'expired']),
  })
  .openapi('WorkspaceInvitation');

export const toInvitationBody = (
  invitation: InvitationRecord,
  status: 'pending' | 'expired' = 'pending',
): z.infer<typeof invitationSchema> => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  invitedBy: invitation.invitedBy,
  createdAt: invitation.createdAt.toISOString(),
  expiresAt: invitation.expiresAt.toISOString(),
  status,
});
