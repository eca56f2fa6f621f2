// ConverseStream events → neutral ModelEvents. A response is finished only when both messageStop and
// metadata have arrived: over HTTP/2 the AWS SDK can end the event stream without raising anything when
// the connection goes away mid-response, so `finish()` refuses a stream that lacks either.
import type { ContentBlock, ConverseResponse, ConverseStreamMetadataEvent, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { ModelError } from '../../core/model/errors';
import type { ModelEvent, ReasoningOrigin, StopReason } from '../../core/model/types';
import { parseToolArguments } from '../tool-arguments';
import { guardrailMessage } from './guardrail';

type OpenBlock =
  | { kind: 'text' }
  | { kind: 'tool'; callId: string; name: string; args: string }
  | { kind: 'reasoning'; text: string; signature: string; redacted: Uint8Array[] };

export interface StreamMappingContext {
  /** Stamped on reasoning blocks so only this provider and model take them back. */
  origin: ReasoningOrigin;
  guardrailId?: string;
}

const STOP_REASONS: Record<string, StopReason> = {
  end_turn: 'endTurn',
  tool_use: 'toolUse',
  max_tokens: 'maxTokens',
  stop_sequence: 'stopSequence',
  guardrail_intervened: 'guardrailIntervened',
  content_filtered: 'contentFiltered',
  // The answer was cut off because the context window filled up: like max_tokens, the caller decides.
  model_context_window_exceeded: 'maxTokens',
};

/** Stop reasons that mean the model produced something unusable: worth one more attempt. */
const MALFORMED = new Set(['malformed_model_output', 'malformed_tool_use']);

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export class ConverseStreamMapper {
  private readonly blocks = new Map<number, OpenBlock>();
  private stopReason: string | undefined;
  private metadata: ConverseStreamMetadataEvent | undefined;

  constructor(private readonly ctx: StreamMappingContext) {}

  /** Both terminal events have arrived. */
  get complete(): boolean {
    return this.stopReason !== undefined && this.metadata !== undefined;
  }

  accept(event: ConverseStreamOutput): ModelEvent[] {
    if (event.contentBlockStart) {
      const { start, contentBlockIndex: index = 0 } = event.contentBlockStart;
      if (!start?.toolUse) return [];
      const { toolUseId = `tooluse_${index}`, name = '' } = start.toolUse;
      this.blocks.set(index, { kind: 'tool', callId: toolUseId, name, args: '' });
      return [{ type: 'toolCallStart', callId: toolUseId, name }];
    }
    if (event.contentBlockDelta) return this.delta(event.contentBlockDelta.contentBlockIndex ?? 0, event.contentBlockDelta.delta);
    if (event.contentBlockStop) return this.close(event.contentBlockStop.contentBlockIndex ?? 0);
    if (event.messageStop) {
      const reason = event.messageStop.stopReason ?? 'end_turn';
      if (MALFORMED.has(reason)) {
        throw new ModelError('server', `The model's response was malformed (${reason}); trying again usually helps.`, { provider: 'bedrock' });
      }
      this.stopReason = reason;
      return [...this.blocks.keys()].flatMap((i) => this.close(i));
    }
    if (event.metadata) {
      this.metadata = event.metadata;
      const u = event.metadata.usage;
      if (!u) return [];
      return [{
        type: 'usage',
        usage: {
          inputTokens: u.inputTokens ?? 0,
          outputTokens: u.outputTokens ?? 0,
          cacheReadTokens: u.cacheReadInputTokens ?? 0,
          cacheWriteTokens: u.cacheWriteInputTokens ?? 0,
          // Bedrock counts reasoning inside outputTokens and reports no separate figure.
          reasoningTokens: 0,
        },
      }];
    }
    const exception = event.internalServerException ?? event.modelStreamErrorException ?? event.validationException ?? event.throttlingException ?? event.serviceUnavailableException;
    // The caller maps it (error-mapping.ts) with the request's context.
    if (exception) throw exception;
    return [];
  }

  private delta(index: number, delta: NonNullable<ConverseStreamOutput['contentBlockDelta']>['delta']): ModelEvent[] {
    if (!delta) return [];
    if (delta.text !== undefined) {
      if (!this.blocks.has(index)) this.blocks.set(index, { kind: 'text' });
      return delta.text ? [{ type: 'textDelta', text: delta.text }] : [];
    }
    if (delta.toolUse) {
      const block = this.blocks.get(index);
      if (block?.kind !== 'tool') return [];
      const part = delta.toolUse.input ?? '';
      block.args += part;
      return part ? [{ type: 'toolCallDelta', callId: block.callId, argumentsDelta: part }] : [];
    }
    if (delta.reasoningContent) {
      let block = this.blocks.get(index);
      if (block?.kind !== 'reasoning') {
        block = { kind: 'reasoning', text: '', signature: '', redacted: [] };
        this.blocks.set(index, block);
      }
      const r = delta.reasoningContent;
      if (r.text) {
        block.text += r.text;
        return [{ type: 'reasoningDelta', text: r.text }];
      }
      if (r.signature) block.signature += r.signature;
      if (r.redactedContent) block.redacted.push(r.redactedContent);
    }
    return [];
  }

  private close(index: number): ModelEvent[] {
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    if (block?.kind === 'tool') {
      return [{ type: 'toolCallEnd', callId: block.callId, name: block.name, input: parseToolArguments(block.args), rawArguments: block.args }];
    }
    if (block?.kind === 'reasoning') {
      const redacted = block.redacted.length > 0 ? Buffer.from(concatBytes(block.redacted)).toString('base64') : undefined;
      return [{
        type: 'reasoning',
        item: {
          type: 'reasoning',
          text: block.text,
          origin: this.ctx.origin,
          ...(block.signature ? { signature: block.signature } : {}),
          ...(redacted ? { redacted } : {}),
        },
      }];
    }
    return [];
  }

  /** The closing events; throws when the stream ended without messageStop and metadata. */
  finish(): ModelEvent[] {
    if (!this.complete) {
      const missing = [this.stopReason === undefined ? 'messageStop' : '', this.metadata === undefined ? 'metadata' : ''].filter(Boolean).join(' and ');
      throw new ModelError('network', `The Bedrock stream ended before the response finished (no ${missing} event); the connection was probably cut.`, { provider: 'bedrock' });
    }
    const reason = this.stopReason!;
    const events: ModelEvent[] = [];
    if (reason === 'guardrail_intervened' || reason === 'content_filtered') {
      events.push({ type: 'guardrail', message: guardrailMessage(reason, this.metadata?.trace?.guardrail, this.ctx.guardrailId) });
    }
    events.push({ type: 'stop', reason: STOP_REASONS[reason] ?? 'endTurn' });
    return events;
  }
}

function blockEvents(block: ContentBlock, index: number): ConverseStreamOutput[] {
  const delta = (d: NonNullable<ConverseStreamOutput['contentBlockDelta']>['delta']): ConverseStreamOutput => ({ contentBlockDelta: { contentBlockIndex: index, delta: d } } as ConverseStreamOutput);
  if (block.text !== undefined) return [delta({ text: block.text })];
  if (block.toolUse) {
    const { toolUseId, name, input } = block.toolUse;
    return [
      { contentBlockStart: { contentBlockIndex: index, start: { toolUse: { toolUseId, name } } } },
      delta({ toolUse: { input: JSON.stringify(input ?? {}) } }),
    ];
  }
  const r = block.reasoningContent;
  if (r?.reasoningText) {
    return [
      delta({ reasoningContent: { text: r.reasoningText.text ?? '' } }),
      ...(r.reasoningText.signature ? [delta({ reasoningContent: { signature: r.reasoningText.signature } })] : []),
    ];
  }
  if (r?.redactedContent) return [delta({ reasoningContent: { redactedContent: r.redactedContent } })];
  return [];
}

/**
 * A Converse (non-streaming) response as the ConverseStream events it is equivalent to, so one mapper
 * handles both (used for models that cannot stream tool calls).
 */
export function converseResponseToStreamEvents(response: ConverseResponse): ConverseStreamOutput[] {
  const content = response.output?.message?.content ?? [];
  return [
    { messageStart: { role: 'assistant' } },
    ...content.flatMap((block, i) => [...blockEvents(block, i), { contentBlockStop: { contentBlockIndex: i } }]),
    { messageStop: { stopReason: response.stopReason } },
    { metadata: { usage: response.usage, metrics: response.metrics, ...(response.trace ? { trace: response.trace } : {}) } },
  ] as ConverseStreamOutput[];
}
