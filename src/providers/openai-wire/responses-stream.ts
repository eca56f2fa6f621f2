// Responses API stream events → ModelEvents. Feed every event to handle(), then call finish() when the
// SDK stream ends: a stream without response.completed / response.incomplete did not finish.
import type { Response, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses';
import type { ModelEvent, StopReason } from '../../core/model/types';
import type { Usage } from '../../protocol';
import type { WireContext } from './context';
import { incompleteStreamError, streamErrorToModelError } from './errors';
import { parseToolArguments } from '../tool-arguments';

interface PendingCall {
  callId: string;
  name: string;
  args: string;
  ended: boolean;
}

/** OpenAI counts cached tokens inside input_tokens; we report them apart so each token is priced once. */
export function usageFromResponses(usage: ResponseUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const cached = usage.input_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = (usage.input_tokens_details as { cache_write_tokens?: number } | undefined)?.cache_write_tokens ?? 0;
  return {
    inputTokens: Math.max(0, usage.input_tokens - cached - cacheWrite),
    outputTokens: usage.output_tokens,
    cacheReadTokens: cached,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens ?? 0,
  };
}

export class ResponsesStreamMapper {
  /** Function calls by output item id (deltas name the item, not the call). */
  private readonly calls = new Map<string, PendingCall>();
  private readonly lastSummaryIndex = new Map<string, number>();
  private finished = false;

  constructor(private readonly ctx: WireContext) {}

  handle(event: ResponseStreamEvent): ModelEvent[] {
    if (this.finished) return [];
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return event.delta ? [{ type: 'textDelta', text: event.delta }] : [];
      case 'response.reasoning_summary_text.delta': {
        // Summary parts are separate paragraphs; the deltas do not carry the break between them.
        const last = this.lastSummaryIndex.get(event.item_id);
        this.lastSummaryIndex.set(event.item_id, event.summary_index);
        const text = last !== undefined && last !== event.summary_index ? `\n\n${event.delta}` : event.delta;
        return text ? [{ type: 'reasoningDelta', text }] : [];
      }
      case 'response.reasoning_text.delta':
        return event.delta ? [{ type: 'reasoningDelta', text: event.delta }] : [];
      case 'response.output_item.added':
        if (event.item.type !== 'function_call') return [];
        return this.startCall(event.item.id ?? event.item.call_id, event.item.call_id, event.item.name, event.item.arguments);
      case 'response.function_call_arguments.delta': {
        const call = this.calls.get(event.item_id);
        if (!call || call.ended || !event.delta) return [];
        call.args += event.delta;
        return [{ type: 'toolCallDelta', callId: call.callId, argumentsDelta: event.delta }];
      }
      case 'response.function_call_arguments.done': {
        const call = this.calls.get(event.item_id);
        if (call && !call.ended) call.args = event.arguments;
        return [];
      }
      case 'response.output_item.done':
        return this.itemDone(event.item);
      case 'response.completed':
        return this.complete(event.response, this.calls.size > 0 ? 'toolUse' : 'endTurn');
      case 'response.incomplete':
        return this.incomplete(event.response);
      case 'response.failed':
        throw streamErrorToModelError(event.response.error ?? { message: 'the response failed' }, this.ctx);
      case 'error':
        throw streamErrorToModelError(event, this.ctx);
      default:
        return [];
    }
  }

  /** Call after the event stream ended without an error. */
  finish(): ModelEvent[] {
    if (!this.finished) throw incompleteStreamError(this.ctx, 'no response.completed event');
    return [];
  }

  private startCall(itemId: string, callId: string, name: string, args: string): ModelEvent[] {
    if (this.calls.has(itemId)) return [];
    this.calls.set(itemId, { callId, name, args: args ?? '', ended: false });
    return [{ type: 'toolCallStart', callId, name }];
  }

  private endCall(call: PendingCall): ModelEvent[] {
    if (call.ended) return [];
    call.ended = true;
    return [{ type: 'toolCallEnd', callId: call.callId, name: call.name, input: parseToolArguments(call.args), rawArguments: call.args }];
  }

  private itemDone(item: Extract<ResponseStreamEvent, { type: 'response.output_item.done' }>['item']): ModelEvent[] {
    if (item.type === 'function_call') {
      const itemId = item.id ?? item.call_id;
      const started = this.startCall(itemId, item.call_id, item.name, item.arguments);
      const call = this.calls.get(itemId)!;
      if (!call.ended) call.args = item.arguments;
      return [...started, ...this.endCall(call)];
    }
    if (item.type === 'reasoning') {
      const summary = item.summary.map((s) => s.text).join('\n\n');
      const text = summary || (item.content ?? []).map((c) => c.text).join('');
      return [
        {
          type: 'reasoning',
          item: {
            type: 'reasoning',
            text,
            origin: { provider: this.ctx.provider, model: this.ctx.model },
            responseItemId: item.id,
            ...(item.encrypted_content ? { encryptedContent: item.encrypted_content } : {}),
          },
        },
      ];
    }
    return [];
  }

  private closeAll(response: Response): ModelEvent[] {
    this.finished = true;
    const events: ModelEvent[] = [];
    for (const call of this.calls.values()) events.push(...this.endCall(call));
    const usage = usageFromResponses(response.usage);
    if (usage) events.push({ type: 'usage', usage });
    return events;
  }

  private complete(response: Response, reason: StopReason): ModelEvent[] {
    return [...this.closeAll(response), { type: 'stop', reason }];
  }

  private incomplete(response: Response): ModelEvent[] {
    const why = response.incomplete_details?.reason;
    if (why === 'content_filter') {
      return [
        ...this.closeAll(response),
        { type: 'guardrail', message: `${this.ctx.service}'s content filter stopped the response.` },
        { type: 'stop', reason: 'contentFiltered' },
      ];
    }
    return this.complete(response, 'maxTokens');
  }
}
