// Chat Completions stream chunks → ModelEvents. Feed every chunk to handle(), then call finish() once the
// SDK stream has ended (the fetch guard has already failed it if `[DONE]` never came).
//
// Tool calls stream by index: the first delta of a call carries its id and name, later ones only argument
// text. Usage arrives in a last chunk with no choices (stream_options.include_usage). Azure adds chunks
// with empty `choices` (prompt filter results) and content-filter annotations.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ModelEvent, StopReason } from '../../core/model/types';
import type { Usage } from '../../protocol';
import type { WireContext } from './context';
import { incompleteStreamError } from './errors';
import { parseToolArguments } from '../tool-arguments';

interface PendingCall {
  index: number;
  callId: string;
  name: string;
  args: string;
  started: boolean;
}

type FilterResults = Record<string, { filtered?: boolean } | undefined>;

export function usageFromChat(usage: ChatCompletionChunk['usage']): Usage | undefined {
  if (!usage) return undefined;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: Math.max(0, usage.prompt_tokens - cached),
    outputTokens: usage.completion_tokens,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

function filteredCategories(results: FilterResults | undefined): string[] {
  return results ? Object.entries(results).filter(([, v]) => v?.filtered).map(([k]) => k) : [];
}

export class ChatStreamMapper {
  private readonly calls = new Map<number, PendingCall>();
  private finishReason: string | undefined;
  private usage: Usage | undefined;
  private filters: string[] = [];

  constructor(private readonly ctx: WireContext) {}

  handle(chunk: ChatCompletionChunk): ModelEvent[] {
    const usage = usageFromChat(chunk.usage);
    if (usage) this.usage = usage;
    const events: ModelEvent[] = [];
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== 0) continue;
      const delta = (choice.delta ?? {}) as ChatCompletionChunk.Choice.Delta & { reasoning_content?: string | null };
      // Gateways serving reasoning models (vLLM, DeepSeek-style) stream the reasoning as reasoning_content.
      if (delta.reasoning_content) events.push({ type: 'reasoningDelta', text: delta.reasoning_content });
      if (delta.content) events.push({ type: 'textDelta', text: delta.content });
      if (delta.refusal) events.push({ type: 'textDelta', text: delta.refusal });
      for (const tc of delta.tool_calls ?? []) events.push(...this.toolCallDelta(tc));
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
      const filters = filteredCategories((choice as { content_filter_results?: FilterResults }).content_filter_results);
      if (filters.length) this.filters = filters;
    }
    return events;
  }

  finish(): ModelEvent[] {
    if (!this.finishReason) throw incompleteStreamError(this.ctx, 'no finish_reason');
    const events: ModelEvent[] = [];
    for (const call of [...this.calls.values()].sort((a, b) => a.index - b.index)) {
      if (!call.started) events.push({ type: 'toolCallStart', callId: call.callId, name: call.name });
      events.push({ type: 'toolCallEnd', callId: call.callId, name: call.name, input: parseToolArguments(call.args), rawArguments: call.args });
    }
    if (this.usage) events.push({ type: 'usage', usage: this.usage });
    const reason = this.stopReason();
    if (reason === 'contentFiltered') {
      const which = this.filters.length ? ` (${this.filters.join(', ')})` : '';
      events.push({ type: 'guardrail', message: `${this.ctx.service}'s content filter stopped the response${which}.` });
    }
    events.push({ type: 'stop', reason });
    return events;
  }

  private stopReason(): StopReason {
    switch (this.finishReason) {
      case 'length':
        return 'maxTokens';
      case 'content_filter':
        return 'contentFiltered';
      case 'tool_calls':
      case 'function_call':
        return 'toolUse';
      default:
        // Some gateways say "stop" after tool calls; the calls are what the loop must act on.
        return this.calls.size > 0 ? 'toolUse' : 'endTurn';
    }
  }

  private toolCallDelta(tc: ChatCompletionChunk.Choice.Delta.ToolCall): ModelEvent[] {
    let call = this.calls.get(tc.index);
    if (!call) {
      call = { index: tc.index, callId: '', name: '', args: '', started: false };
      this.calls.set(tc.index, call);
    }
    if (tc.id && !call.callId) call.callId = tc.id;
    if (tc.function?.name && !call.name) call.name = tc.function.name;
    const events: ModelEvent[] = [];
    if (!call.started && call.callId && call.name) {
      call.started = true;
      events.push({ type: 'toolCallStart', callId: call.callId, name: call.name });
      // Argument text that arrived before the id and name were both known.
      if (call.args) events.push({ type: 'toolCallDelta', callId: call.callId, argumentsDelta: call.args });
    }
    const piece = tc.function?.arguments ?? '';
    if (piece) {
      call.args += piece;
      if (call.started) events.push({ type: 'toolCallDelta', callId: call.callId, argumentsDelta: piece });
    }
    return events;
  }
}
