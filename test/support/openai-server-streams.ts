// Response side of the loopback OpenAI / Azure OpenAI server: a ScriptedResponse rendered as the event
// sequence each API really streams — Responses (typed events with sequence numbers, output items, a final
// response.completed / response.incomplete) and Chat Completions (chunks, a usage chunk, then [DONE]).
import { chunkText, stopOf, type ScriptedResponse, type ScriptedUsage } from './scripted-model';
import { sealReasoning } from './openai-server-requests';

type Json = Record<string, unknown>;

let counter = 0;
function id(prefix: string): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}`;
}

function tokenTotals(u: ScriptedUsage | undefined) {
  return { input: u?.input ?? 10, output: u?.output ?? 5, cacheRead: u?.cacheRead ?? 0, cacheWrite: u?.cacheWrite ?? 0, reasoning: u?.reasoning ?? 0 };
}

export interface ResponsesRenderOptions {
  model: string;
  /** The request asked for include: ['reasoning.encrypted_content']. */
  includeEncrypted: boolean;
}

/** The full event list for one response, without sequence numbers (the writer numbers what it sends). */
export function responsesEvents(script: ScriptedResponse, opts: ResponsesRenderOptions): Json[] {
  const responseId = id('resp');
  const createdAt = Math.floor(Date.now() / 1000);
  const base = { id: responseId, object: 'response', created_at: createdAt, model: opts.model, error: null, incomplete_details: null, store: false };
  const events: Json[] = [
    { type: 'response.created', response: { ...base, status: 'in_progress', output: [], usage: null } },
    { type: 'response.in_progress', response: { ...base, status: 'in_progress', output: [], usage: null } },
  ];
  const output: Json[] = [];
  script.steps.forEach((step) => {
    const output_index = output.length;
    if (step.type === 'text') {
      const itemId = id('msg');
      const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
      events.push({ type: 'response.output_item.added', output_index, item: { id: itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
      events.push({ type: 'response.content_part.added', item_id: itemId, output_index, content_index: 0, part });
      for (const delta of chunkText(step.text, step.chunks ?? 3)) {
        events.push({ type: 'response.output_text.delta', item_id: itemId, output_index, content_index: 0, delta, logprobs: [] });
      }
      const done = { ...part, text: step.text };
      events.push({ type: 'response.output_text.done', item_id: itemId, output_index, content_index: 0, text: step.text, logprobs: [] });
      events.push({ type: 'response.content_part.done', item_id: itemId, output_index, content_index: 0, part: done });
      const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [done] };
      events.push({ type: 'response.output_item.done', output_index, item });
      output.push(item);
    } else if (step.type === 'reasoning') {
      const itemId = id('rs');
      events.push({ type: 'response.output_item.added', output_index, item: { id: itemId, type: 'reasoning', summary: [] } });
      events.push({ type: 'response.reasoning_summary_part.added', item_id: itemId, output_index, summary_index: 0, part: { type: 'summary_text', text: '' } });
      for (const delta of chunkText(step.text, 2)) {
        events.push({ type: 'response.reasoning_summary_text.delta', item_id: itemId, output_index, summary_index: 0, delta });
      }
      events.push({ type: 'response.reasoning_summary_text.done', item_id: itemId, output_index, summary_index: 0, text: step.text });
      events.push({ type: 'response.reasoning_summary_part.done', item_id: itemId, output_index, summary_index: 0, part: { type: 'summary_text', text: step.text } });
      const item: Json = { id: itemId, type: 'reasoning', summary: [{ type: 'summary_text', text: step.text }] };
      if (opts.includeEncrypted) item.encrypted_content = sealReasoning(opts.model, itemId);
      events.push({ type: 'response.output_item.done', output_index, item });
      output.push(item);
    } else {
      const itemId = id('fc');
      const callId = step.callId ?? id('call');
      const args = JSON.stringify(step.input);
      events.push({ type: 'response.output_item.added', output_index, item: { id: itemId, type: 'function_call', status: 'in_progress', arguments: '', call_id: callId, name: step.name } });
      for (const delta of chunkText(args, 3)) events.push({ type: 'response.function_call_arguments.delta', item_id: itemId, output_index, delta });
      events.push({ type: 'response.function_call_arguments.done', item_id: itemId, output_index, arguments: args, name: step.name });
      const item = { id: itemId, type: 'function_call', status: 'completed', arguments: args, call_id: callId, name: step.name };
      events.push({ type: 'response.output_item.done', output_index, item });
      output.push(item);
    }
  });
  const t = tokenTotals(script.usage);
  const usage = {
    input_tokens: t.input + t.cacheRead + t.cacheWrite,
    input_tokens_details: { cached_tokens: t.cacheRead, ...(t.cacheWrite ? { cache_write_tokens: t.cacheWrite } : {}) },
    output_tokens: t.output,
    output_tokens_details: { reasoning_tokens: t.reasoning },
    total_tokens: t.input + t.cacheRead + t.cacheWrite + t.output,
  };
  if (stopOf(script) === 'maxTokens') {
    events.push({ type: 'response.incomplete', response: { ...base, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output, usage } });
  } else {
    events.push({ type: 'response.completed', response: { ...base, status: 'completed', output, usage } });
  }
  return events;
}

export interface ChatRenderOptions {
  model: string;
  includeUsage: boolean;
  /** Azure adds a first chunk with no choices carrying prompt filter results. */
  azure: boolean;
}

/** The chunk list for one completion, without the final `[DONE]`. */
export function chatChunks(script: ScriptedResponse, opts: ChatRenderOptions): Json[] {
  const completionId = id('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: Json[], extra: Json = {}): Json => ({ id: completionId, object: 'chat.completion.chunk', created, model: opts.model, system_fingerprint: 'fp_loopback', choices, ...extra });
  const delta = (d: Json, finish: string | null = null): Json => ({ index: 0, delta: d, logprobs: null, finish_reason: finish });
  const chunks: Json[] = [];
  if (opts.azure) {
    chunks.push({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } }] });
  }
  chunks.push(chunk([delta({ role: 'assistant', content: '', refusal: null })]));
  let toolIndex = 0;
  for (const step of script.steps) {
    if (step.type === 'text') {
      for (const piece of chunkText(step.text, step.chunks ?? 3)) chunks.push(chunk([delta({ content: piece })]));
    } else if (step.type === 'reasoning') {
      // Not OpenAI's own Chat Completions, but what reasoning models behind compatible gateways stream.
      for (const piece of chunkText(step.text, 2)) chunks.push(chunk([delta({ reasoning_content: piece })]));
    } else {
      const index = toolIndex++;
      const callId = step.callId ?? id('call');
      chunks.push(chunk([delta({ tool_calls: [{ index, id: callId, type: 'function', function: { name: step.name, arguments: '' } }] })]));
      for (const piece of chunkText(JSON.stringify(step.input), 3)) chunks.push(chunk([delta({ tool_calls: [{ index, function: { arguments: piece } }] })]));
    }
  }
  const finish = { endTurn: 'stop', toolUse: 'tool_calls', maxTokens: 'length' }[stopOf(script)];
  chunks.push(chunk([delta({}, finish)]));
  if (opts.includeUsage) {
    const t = tokenTotals(script.usage);
    chunks.push(
      chunk([], {
        usage: {
          prompt_tokens: t.input + t.cacheRead,
          completion_tokens: t.output,
          total_tokens: t.input + t.cacheRead + t.output,
          prompt_tokens_details: { cached_tokens: t.cacheRead, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: t.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
        },
      }),
    );
  }
  return chunks;
}
