import { describe, expect, it } from 'vitest';
import {
  blastRadiusOf,
  breachTransitions,
  deadlineOf,
  draftNotice,
  functionsInScope,
  noticeSections,
  resolveStores,
  thresholdsPassed,
  type Breach,
  type DeploymentGraph,
} from '../../../shared/breach/index.ts';

const hour = 3_600_000;
const aware = new Date('2026-03-01T08:00:00Z');
const breach: Breach = {
  id: 'brc_aaaaaaaaaaaaaaaaaaaa',
  awareAt: aware,
  reportedAt: aware,
  reportedBy: 'usr_dpo',
  description: 'A leaked database export.',
  dataClasses: ['secret'],
  functions: [],
  stores: ['users'],
  window: null,
};
const entry = (seq: number, status: 'suspected' | 'confirmed' | 'authority_notified' | 'closed', at: Date) => ({
  breachId: breach.id,
  seq,
  status,
  at,
  by: 'usr_dpo',
  note: null,
});

const graph: DeploymentGraph = {
  functions: {
    'flows-get': { kind: 'http', stores: ['mongodb flows'], pipelineStores: ['mongodb sessions'] },
    'flows-list': { kind: 'http', stores: ['mongodb flows'], pipelineStores: ['mongodb sessions'] },
    'billing-get': { kind: 'http', stores: ['mongodb billing_accounts'], pipelineStores: ['mongodb sessions'] },
    'ops-heartbeat': { kind: 'cron', stores: [], pipelineStores: [] },
  },
  stores: {
    'mongodb flows': { classes: ['user-content'], personalData: ['content'] },
    'mongodb sessions': { classes: ['secret', 'network'], personalData: ['security'] },
    'mongodb billing_accounts': { classes: ['financial'], personalData: ['billing'] },
  },
};

describe('the breach workflow and deadline', () => {
  it('should allow only the forward moves, closing from every open status', () => {
    expect(breachTransitions.suspected).toEqual(['confirmed', 'closed']);
    expect(breachTransitions.closed).toEqual([]);
    expect(breachTransitions.confirmed).not.toContain('subjects_notified');
  });

  it('should put the authority deadline 72 hours after awareness and flag it overdue only while the notice is owed', () => {
    const late = new Date(aware.getTime() + 73 * hour);
    expect(deadlineOf(breach, [entry(1, 'confirmed', aware)], late)).toMatchObject({
      authorityDeadline: new Date(aware.getTime() + 72 * hour),
      overdue: true,
      hoursLeft: -1,
    });
    const notified = [entry(1, 'confirmed', aware), entry(2, 'authority_notified', new Date(aware.getTime() + 60 * hour))];
    expect(deadlineOf(breach, notified, late)).toMatchObject({ overdue: false, hoursLeft: null });
  });

  it('should pass the 48 h and 68 h thresholds at those hours and not before', () => {
    expect(thresholdsPassed(aware, new Date(aware.getTime() + 48 * hour - 1))).toEqual([]);
    expect(thresholdsPassed(aware, new Date(aware.getTime() + 48 * hour))).toEqual(['48h']);
    expect(thresholdsPassed(aware, new Date(aware.getTime() + 70 * hour))).toEqual(['48h', '68h']);
  });
});

describe('the blast radius', () => {
  it('should take the functions that reach a store, through their own code or their pipeline', () => {
    expect(functionsInScope(graph, [], ['mongodb flows']).functions).toEqual(['flows-get', 'flows-list']);
    expect(functionsInScope(graph, ['ops-heartbeat'], ['mongodb sessions']).functions).toEqual([
      'billing-get',
      'flows-get',
      'flows-list',
      'ops-heartbeat',
    ]);
  });

  it('should resolve store names with or without their kind and set the unknown apart', () => {
    expect(resolveStores(graph, ['flows', 'mongodb sessions', 'nope'])).toEqual({
      known: ['mongodb flows', 'mongodb sessions'],
      unknown: ['nope'],
    });
  });

  it('should fold caller records into users and workspaces', () => {
    const at = new Date(aware.getTime() + hour);
    const window = { from: aware, to: new Date(aware.getTime() + 2 * hour) };
    const radius = blastRadiusOf(
      graph,
      { functions: ['flows-get'], stores: [], window },
      [
        { userId: 'usr_b', workspaceId: 'wsp_1', function: 'flows-get', keyId: null, firstAt: at },
        { userId: 'usr_a', workspaceId: 'wsp_1', function: 'flows-get', keyId: 'apk_1', firstAt: at },
        { userId: 'usr_a', workspaceId: 'wsp_2', function: 'flows-get', keyId: null, firstAt: aware },
      ],
      10,
      at,
    );
    expect(radius.users.map((u) => [u.userId, u.workspaceIds, u.keyIds])).toEqual([
      ['usr_a', ['wsp_1', 'wsp_2'], ['apk_1']],
      ['usr_b', ['wsp_1'], []],
    ]);
    expect(radius.workspaces).toEqual([
      { workspaceId: 'wsp_1', users: 2 },
      { workspaceId: 'wsp_2', users: 1 },
    ]);
    expect(radius.personalData).toEqual(['content']);
    expect(radius.truncated).toBe(false);
  });
});

describe('the drafted notices', () => {
  it('should fill every Art. 33 section for the authority and every Art. 34 section for the people affected', () => {
    const facts = { dpoContact: 'dpo@example.com', now: aware };
    expect(Object.keys(draftNotice('authority', breach, null, facts)).sort()).toEqual([...noticeSections.authority].sort());
    expect(Object.keys(draftNotice('subjects', breach, null, facts)).sort()).toEqual([...noticeSections.subjects].sort());
    expect(draftNotice('authority', breach, null, facts).dpoContact).toBe('dpo@example.com');
  });
});
