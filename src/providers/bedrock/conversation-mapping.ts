// The neutral conversation → Converse messages. Converse is strict where the engine's history may not
// be: roles must alternate and start with the user, every toolUse needs its toolResult in the very next
// (user) message, toolResults come before any text there, text blocks may not be blank, and
// toolUse/toolResult blocks need a toolConfig. This file produces a history that satisfies all of that,
// repairing what a cancelled turn or a provider switch can leave behind, without inventing content
// beyond short markers.
import type { ContentBlock, Message, ToolUseBlock } from '@aws-sdk/client-bedrock-runtime';
import type { ConversationItem, ImageInput, ReasoningConversationItem } from '../../core/model/types';

export interface ConversationMappingOptions {
  /** The request defines tools: tool calls and results stay structured. Otherwise they become text. */
  toolsDefined: boolean;
  /** Whether this reasoning block goes back to the model (same provider and model, signed). */
  replayReasoning: (item: ReasoningConversationItem) => boolean;
  /** The model accepts toolResult.status; otherwise errors are marked in the text. */
  toolResultStatus: boolean;
}

type Role = 'user' | 'assistant';
/** The SDK's JSON document type (toolUse input). */
type Document = NonNullable<ToolUseBlock['input']>;

const INTERRUPTED = 'The tool call was interrupted before it returned a result.';
const EMPTY_OUTPUT = '(no output)';
const CONTINUATION = '(continuing the conversation)';

function reasoningBlock(item: ReasoningConversationItem): ContentBlock | undefined {
  if (item.redacted) return { reasoningContent: { redactedContent: Buffer.from(item.redacted, 'base64') } };
  if (item.signature) return { reasoningContent: { reasoningText: { text: item.text, signature: item.signature } } };
  return undefined;
}

/** Converse ImageBlock.format: the media type's subtype (png | jpeg | gif | webp). */
function imageBlock(image: ImageInput): ContentBlock {
  const format = image.mediaType.slice('image/'.length) as 'png' | 'jpeg' | 'gif' | 'webp';
  return { image: { format, source: { bytes: Buffer.from(image.data, 'base64') } } };
}

function blocksOf(item: ConversationItem, opts: ConversationMappingOptions): Array<[Role, ContentBlock]> {
  if (item.type !== 'user') {
    const pair = blockOf(item, opts);
    return pair ? [pair] : [];
  }
  const blocks: Array<[Role, ContentBlock]> = item.text.trim() ? [['user', { text: item.text }]] : [];
  for (const image of item.images ?? []) blocks.push(['user', imageBlock(image)]);
  return blocks;
}

function blockOf(item: Exclude<ConversationItem, { type: 'user' }>, opts: ConversationMappingOptions): [Role, ContentBlock] | undefined {
  switch (item.type) {
    case 'assistant':
      return item.text.trim() ? ['assistant', { text: item.text }] : undefined;
    case 'reasoning': {
      const block = opts.replayReasoning(item) ? reasoningBlock(item) : undefined;
      return block ? ['assistant', block] : undefined;
    }
    case 'toolCall':
      if (!opts.toolsDefined) return ['assistant', { text: `[Called tool ${item.name} with arguments ${item.rawArguments || '{}'}]` }];
      return ['assistant', { toolUse: { toolUseId: item.callId, name: item.name, input: (item.input ?? {}) as Document } }];
    case 'toolResult': {
      const output = item.output.trim() ? item.output : EMPTY_OUTPUT;
      if (!opts.toolsDefined) return ['user', { text: `[Result of tool call ${item.callId}${item.isError ? ' (failed)' : ''}]\n${output}` }];
      return ['user', toolResultBlock(item.callId, output, item.isError, opts.toolResultStatus)];
    }
  }
}

function toolResultBlock(toolUseId: string, text: string, isError: boolean, withStatus: boolean): ContentBlock {
  if (withStatus) return { toolResult: { toolUseId, content: [{ text }], ...(isError ? { status: 'error' as const } : {}) } };
  return { toolResult: { toolUseId, content: [{ text: isError ? `Error: ${text}` : text }] } };
}

/** Consecutive blocks of one role become one message. */
function mergeByRole(pairs: Array<[Role, ContentBlock]>): Message[] {
  const messages: Message[] = [];
  for (const [role, block] of pairs) {
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content!.push(block);
    else messages.push({ role, content: [block] });
  }
  return messages;
}

/**
 * Pairs every toolUse with a toolResult in the following user message: missing results become error
 * results, results without a matching call become text, and results move before any text.
 */
function repairToolPairs(messages: Message[], opts: ConversationMappingOptions): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role === 'assistant') {
      out.push(m);
      const ids = m.content!.flatMap((b) => (b.toolUse?.toolUseId ? [b.toolUse.toolUseId] : []));
      if (ids.length === 0) continue;
      let next = messages[i + 1];
      if (!next || next.role !== 'user') {
        next = { role: 'user', content: [] };
        messages.splice(i + 1, 0, next);
      }
      const answered = new Set(next.content!.flatMap((b) => (b.toolResult?.toolUseId ? [b.toolResult.toolUseId] : [])));
      for (const id of ids) if (!answered.has(id)) next.content!.unshift(toolResultBlock(id, INTERRUPTED, true, opts.toolResultStatus));
      continue;
    }
    const previous = out[out.length - 1];
    const callIds = new Set(previous?.role === 'assistant' ? previous.content!.flatMap((b) => (b.toolUse?.toolUseId ? [b.toolUse.toolUseId] : [])) : []);
    const results: ContentBlock[] = [];
    const rest: ContentBlock[] = [];
    for (const b of m.content!) {
      if (!b.toolResult) rest.push(b);
      else if (callIds.has(b.toolResult.toolUseId!)) results.push(b);
      else rest.push({ text: `[Result of tool call ${b.toolResult.toolUseId}]\n${b.toolResult.content?.[0]?.text ?? EMPTY_OUTPUT}` });
    }
    out.push({ role: 'user', content: [...results, ...rest] });
  }
  return out;
}

/** Claude wants an assistant message's reasoning blocks before its text and tool calls. */
function reasoningFirst(m: Message): Message {
  if (m.role !== 'assistant') return m;
  const reasoning = m.content!.filter((b) => b.reasoningContent);
  if (reasoning.length === 0) return m;
  return { ...m, content: [...reasoning, ...m.content!.filter((b) => !b.reasoningContent)] };
}

/** Reasoning is kept only ahead of the assistant text or tool call it led to, never on its own. */
function withoutStrayReasoning(pairs: Array<[Role, ContentBlock]>): Array<[Role, ContentBlock]> {
  return pairs.filter(([, block], i) => {
    if (!block.reasoningContent) return true;
    const next = pairs.slice(i + 1).find(([, b]) => !b.reasoningContent);
    return next?.[0] === 'assistant';
  });
}

export function toConverseMessages(items: ConversationItem[], opts: ConversationMappingOptions): Message[] {
  const pairs = items.flatMap((item) => blocksOf(item, opts));
  let messages = mergeByRole(withoutStrayReasoning(pairs)).map(reasoningFirst);
  if (opts.toolsDefined) messages = repairToolPairs(messages, opts);
  if (messages[0]?.role === 'assistant') messages.unshift({ role: 'user', content: [{ text: CONTINUATION }] });
  return messages;
}

/**
 * True when the request continues a tool loop whose last assistant message has no reasoning block:
 * Claude then refuses thinking ("a final assistant message must start with a thinking block"), so the
 * request goes without it (e.g. after the conversation moved here from another provider).
 */
export function toolLoopLacksReasoning(messages: Message[]): boolean {
  const last = messages[messages.length - 1];
  const previous = messages[messages.length - 2];
  if (!last || last.role !== 'user' || !previous || previous.role !== 'assistant') return false;
  const onlyResults = last.content!.every((b) => b.toolResult || b.cachePoint);
  const hasToolUse = previous.content!.some((b) => b.toolUse);
  return onlyResults && hasToolUse && !previous.content![0]?.reasoningContent;
}
