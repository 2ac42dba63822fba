import type { RouteConfig } from '@hono/zod-openapi';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sendMessage from '../../../functions/ai/send-message.ts';
import createApiKey from '../../../functions/identity/create-api-key.ts';
import updateMe from '../../../functions/identity/update-me.ts';
import uploadDocument from '../../../functions/knowledge/upload-document.ts';
import buildExportsFunction from '../../../functions/privacy/build-exports.ts';
import cancelErasure from '../../../functions/privacy/cancel-erasure.ts';
import downloadExport from '../../../functions/privacy/download-export.ts';
import exportStatus from '../../../functions/privacy/export-status.ts';
import requestErasure from '../../../functions/privacy/request-erasure.ts';
import requestExport from '../../../functions/privacy/request-export.ts';
import restrict from '../../../functions/privacy/restrict.ts';
import updateConsents from '../../../functions/privacy/update-consents.ts';
import createInvitation from '../../../functions/workspaces/create-invitation.ts';
import { exportedStores } from '../../../shared/infra/privacy/exported-stores.ts';
import { exportJobCollection } from '../../../shared/infra/mongodb/export-store.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { named, type HttpFunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { insertWelcome } from '../../support/ai-flows.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { scriptedAgents } from '../../support/test-agents.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';

const buildExports = named(buildExportsFunction, 'functions/privacy/build-exports.ts');

let kit: AiJobsKit;
beforeAll(async () => {
  kit = await startAiJobsKit('it_privacy_export');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const post = <R extends RouteConfig>(definition: HttpFunctionDefinition<R>, path: string, as: TestUser, body?: unknown) =>
  kit.call(definition, path, as, { method: 'POST', ...(body === undefined ? {} : { body }) });

/** Seeds one person through the real functions; returns the markers their export must hold. */
const seed = async (person: TestUser, label: string, workspaceId: string, isOwner: boolean) => {
  const marker = `${label}-${person.id.slice(4, 12)}`;
  const items = {
    name: `Name ${marker}`,
    flow: `Flow ${marker}`,
    message: `Please add a welcome screen for ${marker}`,
    document: `Doc ${marker}`,
    documentText: `The recipe of ${marker} is secret.`,
    reason: `I object, says ${marker}`,
    apiKey: `Key ${marker}`,
    invitee: `guest-${marker}@example.com`,
  };
  expect((await kit.call(updateMe, '/v1/me', person, { method: 'PATCH', body: { name: items.name } })).status).toBe(200);
  expect(
    (await kit.call(updateConsents, '/v1/me/consents', person, { method: 'PUT', body: { marketing: true, textVersion: '2025-06-01' } }))
      .status,
  ).toBe(200);
  expect(
    (await post(restrict, '/v1/me/privacy/restrictions', person, { purpose: 'analytics', kind: 'objection', reason: items.reason })).status,
  ).toBe(200);
  const flowId = await kit.newFlow(workspaceId, person, { name: items.flow });
  const sent = await post(sendMessage, `/v1/flows/${flowId}/ai/messages`, person, { message: items.message, intent: 'ai.plan' });
  expect(sent.status).toBe(202);
  await kit.run({ jobId: sent.body?.jobId as string, workspaceId, flowId }, { agents: scriptedAgents(insertWelcome()).agents });
  const uploaded = await post(uploadDocument, `/v1/workspaces/${workspaceId}/knowledge/documents`, person, {
    title: items.document,
    format: 'text',
    content: items.documentText,
  });
  expect(uploaded.status).toBe(202);
  if (isOwner) {
    expect(
      (await post(createInvitation, `/v1/workspaces/${workspaceId}/invitations`, person, { email: items.invitee, role: 'viewer' })).status,
    ).toBe(201);
    expect(
      (await post(createApiKey, `/v1/workspaces/${workspaceId}/api-keys`, person, { name: items.apiKey, permissions: ['flows:read'] }))
        .status,
    ).toBe(201);
  } else {
    expect((await post(requestErasure, '/v1/me/privacy/erasure', person)).status).toBe(202);
    expect((await kit.call(cancelErasure, '/v1/me/privacy/erasure', person, { method: 'DELETE' })).status).toBe(200);
  }
  return {
    ...items,
    flowId,
    jobId: sent.body?.jobId as string,
    documentId: uploaded.body?.id as string,
    email: person.email,
    id: person.id,
  };
};

/** The ZIP behind a download link, as bytes (the kit's `call` reads bodies as text). */
const fetchArchive = async (url: string) => {
  runtime ??= createRuntime({ ...downloadExport, name: 'privacy-export-it' }, kit.env);
  const response = await createHttpApp(downloadExport, runtime).request(url, { headers: { 'x-forwarded-for': '2001:db8::77' } });
  return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
};
let runtime: Runtime | undefined;
afterAll(async () => runtime?.close());

describe('the access export', () => {
  it('should hold every item seeded for the person, from every exporting store, and nothing of another person in the same workspace', async () => {
    const team = await kit.team(500);
    const ada = await seed(team.owner, 'ada', team.workspaceId, true);
    const bo = await seed(team.editor, 'bo', team.workspaceId, false);

    const asked = await post(requestExport, '/v1/me/privacy/export', team.owner);
    expect([asked.status, asked.body?.state]).toEqual([202, 'pending']);
    const id = asked.body?.id as string;
    // One open export per person: asking again answers the same one.
    expect((await post(requestExport, '/v1/me/privacy/export', team.owner)).body?.id).toBe(id);
    // Another person cannot see it.
    expect(outcome(await kit.call(exportStatus, `/v1/me/privacy/exports/${id}`, team.editor))).toEqual({
      status: 404,
      code: 'EXPORT_NOT_FOUND',
    });

    await fireCron(buildExports, kit.env);
    const ready = await kit.call(exportStatus, `/v1/me/privacy/exports/${id}`, team.owner);
    expect([ready.status, ready.body?.state]).toEqual([200, 'ready']);
    const expiresAt = Date.parse(String(ready.body?.expiresAt));
    expect(Math.abs(expiresAt - Date.now() - 24 * 3_600_000)).toBeLessThan(120_000);
    const url = String(ready.body?.downloadUrl);

    // The link is the credential: no token is sent.
    const got = await fetchArchive(url);
    expect([got.status, got.type]).toEqual([200, 'application/zip']);
    const files = unzipSync(got.bytes);
    const text = (name: string) => strFromU8(files[name]!);
    const manifest = JSON.parse(text('manifest.json')) as { userId: string; stores: { store: string; records: number }[] };
    expect(manifest.userId).toBe(ada.id);
    // Every exporting store of the data map contributes a JSON and a CSV file, an empty one too.
    expect(manifest.stores.map((s) => s.store).sort()).toEqual(exportedStores.map((s) => s.name).sort());
    for (const { store } of manifest.stores) expect([files[`json/${store}.json`], files[`csv/${store}.csv`]].every(Boolean)).toBe(true);
    const all = Object.keys(files).map(text).join('\n');

    // Every item seeded for the person, in the store it was written to.
    const records = (store: string) => JSON.parse(text(`json/${store}.json`)) as Record<string, unknown>[];
    const holds = (store: string, value: string) => JSON.stringify(records(store)).includes(value);
    expect(holds('users', ada.name)).toBe(true); // sealed at rest, opened for its owner
    expect(holds('users', ada.email)).toBe(true);
    expect(holds('profile_changes', ada.name)).toBe(true);
    expect(holds('consent_entries', '"marketing"')).toBe(true);
    expect(holds('privacy_restrictions', ada.reason)).toBe(true);
    expect(holds('workspaces', team.workspaceId)).toBe(true);
    expect(holds('workspace_members', team.workspaceId)).toBe(true);
    expect(holds('workspace_invitations', ada.invitee)).toBe(true);
    expect(holds('api_keys', ada.apiKey)).toBe(true);
    expect(holds('flows', ada.flow)).toBe(true);
    expect(holds('flow_versions', ada.flowId)).toBe(true);
    expect(holds('ai_messages', ada.message)).toBe(true);
    expect(holds('ai_jobs', ada.jobId)).toBe(true);
    expect(records('ai_job_steps').length).toBeGreaterThan(0);
    expect(records('ai_proposals').length).toBeGreaterThan(0);
    expect(holds('knowledge_documents', ada.document)).toBe(true);
    expect(holds('knowledge_document_contents', ada.documentText)).toBe(true);
    expect(holds('credit_ledger', team.workspaceId)).toBe(true);
    expect(holds('billing_accounts', team.workspaceId) || records('billing_accounts').length === 0).toBe(true);
    expect(holds('privacy_exports', id)).toBe(true);
    expect(csvHas(text(`csv/flows.csv`), ada.flow)).toBe(true);

    // Nothing of the other person: not their address, name, texts or ids.
    for (const value of [
      bo.email,
      bo.name,
      bo.flow,
      bo.message,
      bo.document,
      bo.documentText,
      bo.reason,
      bo.id,
      bo.flowId,
      bo.jobId,
      bo.documentId,
    ]) {
      expect(all.includes(value), value).toBe(false);
    }
    // Secrets stay out: no password or key digest, no sealed envelope, no address hash.
    expect(all).not.toMatch(/"(passwordHash|keyHash|ipHash|secret)"|A256GCM/);
  });

  it('should refuse a tampered or expired link with 403 EXPORT_LINK_INVALID', async () => {
    const { lone } = await kit.users('lone');
    const id = (await post(requestExport, '/v1/me/privacy/export', lone)).body?.id as string;
    await fireCron(buildExports, kit.env);
    const url = String((await kit.call(exportStatus, `/v1/me/privacy/exports/${id}`, lone)).body?.downloadUrl);
    expect((await fetchArchive(url)).status).toBe(200);
    const tampered = url.replace(/signature=./, (m) => (m.endsWith('A') ? `${m.slice(0, -1)}B` : `${m.slice(0, -1)}A`));
    expect((await fetchArchive(tampered)).status).toBe(403);
    const past = url.replace(/expires=\d+/, `expires=${Math.floor(Date.now() / 1000) - 10}`);
    expect((await fetchArchive(past)).status).toBe(403);
    // The archive is sealed at rest: its chunks hold no clear text.
    const { exportChunkCollection } = await import('../../../shared/infra/mongodb/export-file-store.ts');
    const chunk = await exportChunkCollection.in(kit.db).findOne({ jobId: id });
    expect(chunk?.data).toMatchObject({ sealed: 'A256GCM' });
  });

  it('should keep one open export per person when requests race', async () => {
    const { racer } = await kit.users('racer');
    const replies = await Promise.all(Array.from({ length: 8 }, () => post(requestExport, '/v1/me/privacy/export', racer)));
    expect(replies.every((r) => r.status === 202)).toBe(true);
    expect(new Set(replies.map((r) => r.body?.id)).size).toBe(1);
    expect(await exportJobCollection.in(kit.db).countDocuments({ userId: racer.id })).toBe(1);
    // Once built, the person may ask again.
    await fireCron(buildExports, kit.env);
    const again = await post(requestExport, '/v1/me/privacy/export', racer);
    expect([again.status, again.body?.state, again.body?.id === replies[0]!.body?.id]).toEqual([202, 'pending', false]);
  });
});

const csvHas = (csv: string, value: string) => csv.split('\n').some((line) => line.includes(value));
