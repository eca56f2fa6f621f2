// The provider-neutral model interface (a port). Each cloud adapter in src/providers implements
// ModelClient; the agent loop sees only these types, so one conversation can move between clouds.
import type { Identity, ImageMediaType, ModelInfo, ProviderProfile, ReasoningEffort, ServedBy, Usage } from '../../protocol';
import type { AbortSignalLike } from '../ports/cancellation';

/** A tool the model may call; `parameters` is a JSON Schema object. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Where a reasoning block came from: only the same provider and model can take it back. */
export interface ReasoningOrigin {
  provider: ProviderProfile['provider'];
  model: string;
}

/** An image the user sent with a message: its bytes, base64, and format. */
export interface ImageInput {
  mediaType: ImageMediaType;
  data: string;
}

export type ConversationItem =
  /** `images`: absent or empty for text only; adapters send them after the text, in order. */
  | { type: 'user'; text: string; images?: ImageInput[] }
  | { type: 'assistant'; text: string }
  | {
      type: 'reasoning';
      /** Readable summary or thinking text ('' when the provider returned only an opaque block). */
      text: string;
      origin: ReasoningOrigin;
      /** Anthropic (on Bedrock): the thinking block's signature, required to send it back. */
      signature?: string;
      /** Anthropic redacted thinking, base64. */
      redacted?: string;
      /** OpenAI Responses: the reasoning item's id and encrypted content, for stateless replay. */
      responseItemId?: string;
      encryptedContent?: string;
    }
  | {
      type: 'toolCall';
      callId: string;
      name: string;
      /** Parsed arguments; null when the model produced invalid JSON (rawArguments keeps what it sent). */
      input: Record<string, unknown> | null;
      rawArguments: string;
    }
  | { type: 'toolResult'; callId: string; output: string; isError: boolean };

export type ReasoningConversationItem = Extract<ConversationItem, { type: 'reasoning' }>;

export interface ModelRequest {
  system: string;
  items: ConversationItem[];
  tools: ToolDefinition[];
  maxOutputTokens?: number;
  reasoningEffort?: ReasoningEffort;
  /** Mark cacheable prefixes where the provider supports it (Bedrock cachePoint, OpenAI prompt cache key). */
  promptCache?: boolean;
  /** Stable per conversation; used as OpenAI's prompt_cache_key and for request tracing. */
  conversationId?: string;
  signal?: AbortSignalLike;
}

export type StopReason = 'endTurn' | 'toolUse' | 'maxTokens' | 'contentFiltered' | 'guardrailIntervened' | 'stopSequence';

export type ModelEvent =
  | { type: 'textDelta'; text: string }
  | { type: 'reasoningDelta'; text: string }
  /** A complete reasoning block, to keep in the conversation for replay. */
  | { type: 'reasoning'; item: ReasoningConversationItem }
  | { type: 'toolCallStart'; callId: string; name: string }
  | { type: 'toolCallDelta'; callId: string; argumentsDelta: string }
  | { type: 'toolCallEnd'; callId: string; name: string; input: Record<string, unknown> | null; rawArguments: string }
  | { type: 'usage'; usage: Usage }
  /** A Bedrock guardrail (or a content filter) stepped in. */
  | { type: 'guardrail'; message: string }
  /** Always the last event of a stream that finished; a stream without it failed. */
  | { type: 'stop'; reason: StopReason };

export interface ModelClient {
  readonly profile: ProviderProfile;
  /** Provider, model (the resolved id, e.g. with its inference-profile prefix) and location. */
  readonly servedBy: ServedBy;
  /**
   * Streams one model response. Throws ModelError on failure; a stream that ends without its terminal
   * event throws too (never reported as a finished response).
   */
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
  listModels(signal?: AbortSignalLike): Promise<ModelInfo[]>;
  whoami(signal?: AbortSignalLike): Promise<Identity>;
  /**
   * Who to name in audit records; never fails: when the identity service cannot be reached, a stand-in
   * (the access key id, never the secret; an API key's last four characters). Optional: without it the
   * engine uses whoami().
   */
  auditIdentity?(): Promise<string>;
}

export interface ModelClientFactory {
  create(profile: ProviderProfile): ModelClient;
}
