import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createModelAgents, type ObjectRequest } from '../../../shared/ai/index.ts';
import { findBuiltInTemplate } from '../../../shared/flows/index.ts';
import { isDomainError } from '../../../shared/kernel/index.ts';
import { startAiKit, type AiKit } from '../../support/ai-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { tinyPng } from '../../support/sketch-image.ts';

/**
 * Images through each provider adapter and the real SDK: the image goes as the wire format's own
 * image part (an OpenAI data URL, an Anthropic base64 source, a Gemini inlineData part), which the
 * wire server decodes and checks against its media type as the APIs do; and the reader agent.
 */
let kit: AiKit;
beforeAll(async () => {
  kit = await startAiKit('ai_image_wire');
}, servicesHookTimeoutMs);
afterAll(async () => kit?.close());

const seenSchema = z.object({ screens: z.array(z.string()) });
const request = (jobId: string, bytes: Uint8Array): ObjectRequest<z.infer<typeof seenSchema>> => ({
  agent: 'reader',
  quality: 'standard',
  system: 'List the screens.',
  prompt: 'What screens does the sketch show?',
  images: [{ mediaType: 'image/png', bytes }],
  attribution: { workspaceId: 'wsp_image_wire', jobId },
  schema: seenSchema,
  schemaName: 'screens',
});

describe.each([
  { label: 'io', kind: 'openai' as const, model: 'gpt-4.1-mini' },
  { label: 'ia', kind: 'anthropic' as const, model: 'claude-haiku-4-5' },
  { label: 'ig', kind: 'google' as const, model: 'gemini-2.5-flash' },
])('an image through the $kind adapter', ({ label, kind, model }) => {
  it('should send the image as an image part of the user message, plain and streamed', async () => {
    const provider = kit.provider(label, kind);
    const models = kit.models([provider], `reader.*=${provider.name}:${model}`);
    kit.server.script(provider.name, [
      { reply: JSON.stringify({ screens: ['Welcome'] }) },
      { reply: JSON.stringify({ screens: ['Home'] }) },
    ]);
    expect((await models.object(request(`job_${label}_${kit.run}`, tinyPng))).object).toEqual({ screens: ['Welcome'] });
    const partials: unknown[] = [];
    const streamed = await models.object({ ...request(`job_${label}s_${kit.run}`, tinyPng), onPartial: (p) => partials.push(p) });
    expect(streamed.object).toEqual({ screens: ['Home'] });
    for (const sent of kit.server.requests(provider.name)) {
      expect(sent.images).toHaveLength(1);
      expect(sent.images[0]?.mediaType).toBe('image/png');
      expect(new Uint8Array(sent.images[0]!.bytes)).toEqual(tinyPng);
      expect(sent.text).toContain('What screens does the sketch show?');
    }
    expect(kit.server.requests(provider.name).map((sent) => sent.stream)).toEqual([false, true]);
  });

  it('should be refused (no retry) when the bytes are not the image their type says', async () => {
    const provider = kit.provider(`${label}x`, kind);
    const models = kit.models([provider], `reader.*=${provider.name}:${model}`);
    const error = await models
      .object(request(`job_${label}x_${kit.run}`, new TextEncoder().encode('plain text, no image at all')))
      .catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('AI_UNAVAILABLE');
    expect(kit.server.requests(provider.name)).toHaveLength(1);
  });
});

describe('the reader agent', () => {
  it('should be configured only by an entry that names it, never by a * entry', () => {
    const provider = kit.provider('iw', 'openai');
    expect(kit.models([provider], `*.*=${provider.name}:gpt-4.1-mini`).isConfigured('reader')).toBe(false);
    expect(kit.models([provider], `reader.pro=${provider.name}:gpt-4.1`).isConfigured('reader', 'standard')).toBe(false);
    expect(kit.models([provider], `reader.*=${provider.name}:gpt-4.1`).isConfigured('reader', 'standard')).toBe(true);
  });

  it('should read the screens with read-sketch@v1, tidied: dangling links and repeated titles dropped', async () => {
    const provider = kit.provider('ir', 'openai');
    const agents = createModelAgents(kit.models([provider], `reader.*=${provider.name}:gpt-4.1`), { workspaceId: 'wsp_r', jobId: 'job_r' });
    kit.server.script(provider.name, [
      {
        reply: JSON.stringify({
          screens: [
            {
              title: ' Sign in ',
              kind: 'screen',
              elements: ['E-mail', 'Password', 'Sign in'],
              leadsTo: [
                { title: 'home', trigger: 'Sign in' },
                { title: 'Nowhere', trigger: 'x' },
              ],
            },
            { title: 'Home', kind: 'screen', elements: [], leadsTo: [] },
            { title: 'home', kind: 'popup', elements: [], leadsTo: [] },
          ],
          clarifyingQuestion: null,
        }),
      },
    ]);
    const read = await agents.readImage({
      message: '',
      messageId: 'msg_r',
      flow: findBuiltInTemplate('builtin-login')!.document,
      focusNodeIds: [],
      passages: [],
      quality: 'standard',
      image: { mediaType: 'image/png', bytes: tinyPng },
    });
    expect(read).toMatchObject({ promptId: 'read-sketch@v1', model: `${provider.name}:gpt-4.1` });
    expect(read.screens).toEqual([
      { title: 'Sign in', kind: 'screen', elements: ['E-mail', 'Password', 'Sign in'], leadsTo: [{ title: 'Home', trigger: 'Sign in' }] },
      { title: 'Home', kind: 'screen', elements: [], leadsTo: [] },
    ]);
    expect(kit.server.requests(provider.name)[0]?.images).toHaveLength(1);
  });
});
