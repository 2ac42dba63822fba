import type { WireRequest } from './ai-wire-server.ts';

/** What a scripted step answers: the model's text, and the tokens the provider reports. */
export interface WireAnswer {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** How many pieces a stream sends the text in. */
  pieces: number;
}

/** A rendered answer: the JSON body, and the same as server-sent events for a streaming request. */
export interface Rendered {
  json: unknown;
  events: { event?: string; data: unknown }[];
}

/** Streams arrive in pieces (three unless asked), cut anywhere (mid-word and mid-JSON on purpose). */
const pieces = (text: string, count = 3): string[] => {
  const size = Math.max(1, Math.ceil(text.length / count));
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out.length > 0 ? out : [''];
};

/** OpenAI chat completions: `choices[0].message.content`, or `chat.completion.chunk`s ending in a usage chunk and `[DONE]`. */
export const openAiReply = (request: WireRequest, answer: WireAnswer): Rendered => {
  const head = { id: 'chatcmpl-wire', created: 1_700_000_000, model: request.model };
  const usage = {
    prompt_tokens: answer.inputTokens,
    completion_tokens: answer.outputTokens,
    total_tokens: answer.inputTokens + answer.outputTokens,
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    ...head,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  return {
    json: {
      ...head,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: answer.text }, finish_reason: 'stop', logprobs: null }],
      usage,
    },
    events: [
      { data: chunk({ role: 'assistant', content: '' }, null) },
      ...pieces(answer.text, answer.pieces).map((piece) => ({ data: chunk({ content: piece }, null) })),
      { data: chunk({}, 'stop') },
      { data: { ...head, object: 'chat.completion.chunk', choices: [], usage } },
      { data: '[DONE]' },
    ],
  };
};

/** The tool the SDK forces for structured output (its JSON-tool mode), if the request names one. */
const forcedTool = (body: Record<string, unknown>): string | null => {
  const choice = body.tool_choice as { type?: string; name?: string } | undefined;
  const tools = (body.tools as { name?: string }[] | undefined) ?? [];
  if (choice?.type === 'tool' && choice.name) return choice.name;
  if (choice?.type === 'any' && tools[0]?.name) return tools[0].name;
  return null;
};

/** Anthropic messages: a text block, or a `tool_use` block whose input is the object; streamed as the real event sequence. */
export const anthropicReply = (request: WireRequest, answer: WireAnswer): Rendered => {
  const tool = forcedTool(request.body);
  let input: unknown = answer.text;
  try {
    input = JSON.parse(answer.text);
  } catch {
    // Malformed on purpose: the tool input stays a string, which no object schema accepts.
  }
  const block = tool ? { type: 'tool_use', id: 'toolu_wire', name: tool, input } : { type: 'text', text: answer.text };
  const stopReason = tool ? 'tool_use' : 'end_turn';
  const message = { id: 'msg_wire', type: 'message', role: 'assistant', model: request.model, stop_sequence: null };
  const event = (type: string, data: Record<string, unknown>) => ({ event: type, data: { type, ...data } });
  return {
    json: {
      ...message,
      content: [block],
      stop_reason: stopReason,
      usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
    },
    events: [
      event('message_start', {
        message: { ...message, content: [], stop_reason: null, usage: { input_tokens: answer.inputTokens, output_tokens: 1 } },
      }),
      event('content_block_start', { index: 0, content_block: tool ? { ...block, input: {} } : { type: 'text', text: '' } }),
      ...pieces(answer.text, answer.pieces).map((piece) =>
        event('content_block_delta', {
          index: 0,
          delta: tool ? { type: 'input_json_delta', partial_json: piece } : { type: 'text_delta', text: piece },
        }),
      ),
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: answer.outputTokens } }),
      event('message_stop', {}),
    ],
  };
};

/** Gemini generateContent: one candidate with text parts; streamed as partial responses, the last with the usage. */
export const geminiReply = (request: WireRequest, answer: WireAnswer): Rendered => {
  const usageMetadata = {
    promptTokenCount: answer.inputTokens,
    candidatesTokenCount: answer.outputTokens,
    totalTokenCount: answer.inputTokens + answer.outputTokens,
  };
  const candidate = (text: string, finishReason?: string) => ({
    content: { parts: [{ text }], role: 'model' },
    index: 0,
    ...(finishReason ? { finishReason } : {}),
  });
  const parts = pieces(answer.text, answer.pieces);
  return {
    json: { candidates: [candidate(answer.text, 'STOP')], usageMetadata, modelVersion: request.model },
    events: parts.map((piece, index) => ({
      data:
        index === parts.length - 1
          ? { candidates: [candidate(piece, 'STOP')], usageMetadata, modelVersion: request.model }
          : { candidates: [candidate(piece)], modelVersion: request.model },
    })),
  };
};
