// What Crosswind knows about each model family on Bedrock, in one table: prompt caching, reasoning
// request fields, reasoning replay, tool-use quirks. Everything else in the adapter asks this file
// instead of testing model ids itself, so a new model family is one entry here.
//
// Sources (checked when this table was written):
// - Prompt caching (cachePoint): Bedrock user guide "Prompt caching" — Claude 3.5 Haiku, 3.7 Sonnet and
//   Claude 4+ accept checkpoints in system, messages and tools; Amazon Nova in system and messages.
// - Claude extended thinking on Bedrock: additionalModelRequestFields.thinking {type:'enabled',
//   budget_tokens} (minimum 1024, below maxTokens), Claude 3.7 Sonnet and Claude 4+.
// - gpt-oss on Bedrock: additionalModelRequestFields.reasoning_effort ('low'|'medium'|'high').
// - Newer OpenAI models on Bedrock (openai.gpt-5*): additionalModelRequestFields.reasoning.effort.
// - Amazon Nova 2: additionalModelRequestFields.reasoningConfig {type:'enabled', maxReasoningEffort};
//   the Nova 2 guide says not to set maxTokens (nor temperature/topP) with 'high' effort.
// - Converse "Supported models and model features": Meta Llama 3.1/3.2 and Mistral Large support tool
//   use but not *streaming* tool use; toolResult.status is documented for Anthropic Claude only.
import type { ReasoningEffort } from '../../protocol';
import { baseModelId } from './inference-profiles';

export type ModelFamily = 'anthropic' | 'openai' | 'nova' | 'meta' | 'mistral' | 'other';

/** Where cachePoint blocks are accepted. */
export interface CacheSupport {
  system: boolean;
  tools: boolean;
  messages: boolean;
}

/** Model-specific request fields for a reasoning effort, and the maxTokens the request must then use. */
export interface ReasoningFields {
  additionalModelRequestFields: Record<string, unknown>;
  /** undefined: keep the caller's maxTokens; null: send no maxTokens at all. */
  maxTokens?: number | null;
}

export interface FamilyTraits {
  family: ModelFamily;
  /** Shown in the picker: "Anthropic", "OpenAI"… */
  vendor: string;
  cache: CacheSupport | null;
  /** null when the model takes no reasoning control. */
  reasoning: ((effort: ReasoningEffort, maxOutputTokens: number | undefined) => ReasoningFields) | null;
  /** Sends earlier reasoning blocks back (Claude needs its signed thinking blocks during tool use). */
  replaysReasoning: boolean;
  supportsTools: boolean;
  /** False: ConverseStream cannot stream tool calls for this model, so tool turns use Converse. */
  streamingToolUse: boolean;
  /** toolResult.status ('error') is accepted. */
  toolResultStatus: boolean;
}

const CLAUDE_THINKING_BUDGET: Record<ReasoningEffort, number> = { minimal: 1024, low: 2048, medium: 8192, high: 16384 };
/** Room left for the answer after the thinking budget when the caller set no output limit. */
const CLAUDE_ANSWER_TOKENS = 8192;
const CLAUDE_MIN_BUDGET = 1024;

function claudeThinking(effort: ReasoningEffort, maxOutputTokens: number | undefined): ReasoningFields {
  let budget = CLAUDE_THINKING_BUDGET[effort];
  let maxTokens = budget + CLAUDE_ANSWER_TOKENS;
  if (maxOutputTokens !== undefined) {
    // budget_tokens must stay below max_tokens; shrink the budget rather than exceed the caller's limit.
    budget = Math.min(budget, maxOutputTokens - CLAUDE_MIN_BUDGET);
    maxTokens = maxOutputTokens;
    if (budget < CLAUDE_MIN_BUDGET) return { additionalModelRequestFields: {} };
  }
  return { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: budget } }, maxTokens };
}

/** OpenAI and Nova take low/medium/high; 'minimal' maps to the lowest. */
function lowMediumHigh(effort: ReasoningEffort): 'low' | 'medium' | 'high' {
  return effort === 'minimal' ? 'low' : effort;
}

const NO_CACHE = null;
const CLAUDE_CACHE: CacheSupport = { system: true, tools: true, messages: true };
const NOVA_CACHE: CacheSupport = { system: true, tools: false, messages: true };

const BASE: Omit<FamilyTraits, 'family' | 'vendor'> = {
  cache: NO_CACHE,
  reasoning: null,
  replaysReasoning: false,
  supportsTools: true,
  streamingToolUse: true,
  toolResultStatus: false,
};

interface FamilyRule {
  test: RegExp;
  traits: FamilyTraits;
}

// First match wins; ids are matched without a geographic prefix or ARN ("anthropic.claude-…").
const RULES: FamilyRule[] = [
  {
    test: /^anthropic\.claude-(?:3-7-|(?:opus|sonnet|haiku)-[4-9])/,
    traits: { ...BASE, family: 'anthropic', vendor: 'Anthropic', cache: CLAUDE_CACHE, reasoning: claudeThinking, replaysReasoning: true, toolResultStatus: true },
  },
  {
    test: /^anthropic\.claude-3-5-haiku/,
    traits: { ...BASE, family: 'anthropic', vendor: 'Anthropic', cache: CLAUDE_CACHE, toolResultStatus: true },
  },
  // Other and future Claude models: no cache point or thinking field until this table knows them.
  { test: /^anthropic\./, traits: { ...BASE, family: 'anthropic', vendor: 'Anthropic', toolResultStatus: true } },
  {
    test: /^openai\.gpt-oss/,
    traits: {
      ...BASE, family: 'openai', vendor: 'OpenAI',
      reasoning: (effort) => ({ additionalModelRequestFields: { reasoning_effort: lowMediumHigh(effort) } }),
    },
  },
  {
    test: /^openai\./,
    traits: {
      ...BASE, family: 'openai', vendor: 'OpenAI',
      reasoning: (effort) => ({ additionalModelRequestFields: { reasoning: { effort: lowMediumHigh(effort) } } }),
    },
  },
  {
    test: /^amazon\.nova-2-/,
    traits: {
      ...BASE, family: 'nova', vendor: 'Amazon', cache: NOVA_CACHE,
      reasoning: (effort) => ({
        additionalModelRequestFields: { reasoningConfig: { type: 'enabled', maxReasoningEffort: lowMediumHigh(effort) } },
        ...(lowMediumHigh(effort) === 'high' ? { maxTokens: null } : {}),
      }),
    },
  },
  { test: /^amazon\.nova-(?:micro|lite|pro|premier)/, traits: { ...BASE, family: 'nova', vendor: 'Amazon', cache: NOVA_CACHE } },
  { test: /^amazon\.nova-/, traits: { ...BASE, family: 'nova', vendor: 'Amazon', supportsTools: false } },
  { test: /^meta\.llama3-(?:1-|2-(?:11b|90b)|3-)|^meta\.llama4-/, traits: { ...BASE, family: 'meta', vendor: 'Meta', streamingToolUse: false } },
  { test: /^meta\./, traits: { ...BASE, family: 'meta', vendor: 'Meta', supportsTools: false } },
  { test: /^mistral\.mistral-large|^mistral\.pixtral/, traits: { ...BASE, family: 'mistral', vendor: 'Mistral AI', streamingToolUse: false } },
  { test: /^mistral\./, traits: { ...BASE, family: 'mistral', vendor: 'Mistral AI', supportsTools: false } },
];

const OTHER: FamilyTraits = { ...BASE, family: 'other', vendor: 'Other' };

/** The traits of a model id, inference-profile id or ARN. Application profile ARNs are opaque: 'other'. */
export function familyOf(modelId: string): FamilyTraits {
  const base = baseModelId(modelId);
  return RULES.find((r) => r.test.test(base))?.traits ?? OTHER;
}
