import { describe, expect, it } from 'vitest';
import type { Agents, LanguageModels } from '../../../shared/ai/index.ts';
import { combinedAgents } from '../../../shared/infra/ai/agents-resource.ts';
import { blankDocument } from './blank-document.ts';

const named = (who: string): Agents => {
  const result = { model: who, promptId: `${who}@1`, usage: [] };
  return {
    classify: async () => ({ ...result, intent: 'ai.chat', reason: who }),
    answer: async () => ({ ...result, answer: who }),
    plan: async () => ({ ...result, steps: [who] }),
    build: async () => ({ ...result, operations: [] }),
    review: async () => ({ ...result, findings: [], summary: who }),
    readImage: async () => ({ ...result, screens: [{ title: who, kind: 'screen', elements: [], leadsTo: [] }] }),
  };
};

/** Our own port, configured for the planner at pro quality only. */
const models = {
  isConfigured: (agent: string, quality?: string) => (agent === 'planner' || agent === 'reader') && quality === 'pro',
} as unknown as LanguageModels;

const context = (quality: 'standard' | 'pro') => ({
  message: 'Add a screen',
  messageId: 'msg_1',
  flow: blankDocument,
  focusNodeIds: [],
  passages: [],
  quality,
});

describe('the agents a job gets', () => {
  it('should take the model agent only for a method and quality that has a model configured', async () => {
    const agents = combinedAgents(models, named('offline'), named('model'));
    expect((await agents.plan({ ...context('pro'), mode: 'edit' })).model).toBe('model');
    expect((await agents.plan({ ...context('standard'), mode: 'edit' })).model).toBe('offline');
    expect((await agents.answer(context('pro'))).model).toBe('offline');
    expect((await agents.build({ ...context('pro'), steps: [] })).model).toBe('offline');
    const image = { mediaType: 'image/png' as const, bytes: new Uint8Array([1]) };
    expect((await agents.readImage({ ...context('pro'), image })).model).toBe('model');
    expect((await agents.readImage({ ...context('standard'), image })).model).toBe('offline');
  });
});
