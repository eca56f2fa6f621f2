// What the Converse adapter needs to know about a model, derived from the capability table
// (src/core/model/capabilities.ts, where every rule names its source): prompt caching, reasoning request
// fields and their placement, reasoning replay, tool-use quirks. This file only turns a row's reasoning
// style into the additionalModelRequestFields Converse takes.
import { capabilitiesOf, type ModelCapabilities } from '../../core/model/capabilities';
import type { ReasoningEffort } from '../../protocol';

export type ModelFamily = 'anthropic' | 'openai' | 'nova' | 'meta' | 'mistral' | 'other';

export type { CachePoints as CacheSupport } from '../../core/model/capabilities';

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
  /** The capability row these traits come from. */
  caps: ModelCapabilities;
  cache: ModelCapabilities['cache'];
  /** null when the model takes no reasoning control. `effort` is one the model accepts (already resolved). */
  reasoning: ((effort: ReasoningEffort, maxOutputTokens: number | undefined, toolsDefined: boolean) => ReasoningFields) | null;
  /** Sends earlier reasoning blocks back (Claude needs its signed thinking blocks during tool use). */
  replaysReasoning: boolean;
  supportsTools: boolean;
  /** False: ConverseStream cannot stream tool calls for this model, so tool turns use Converse. */
  streamingToolUse: boolean;
  /** toolResult.status ('error') is accepted. */
  toolResultStatus: boolean;
}

/** Thinking budgets for Claude's manual extended thinking; 'none' sends no thinking. */
const CLAUDE_THINKING_BUDGET: Record<Exclude<ReasoningEffort, 'none'>, number> = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 24576, max: 32768 };
/** Room left for the answer after the thinking budget when the caller set no output limit. */
const CLAUDE_ANSWER_TOKENS = 8192;
const CLAUDE_MIN_BUDGET = 1024;
/** AWS "Extended thinking": thinking between tool calls on Claude 4 models. */
export const INTERLEAVED_THINKING_BETA = 'interleaved-thinking-2025-05-14';

function claudeBudget(caps: ModelCapabilities) {
  return (effort: ReasoningEffort, maxOutputTokens: number | undefined, toolsDefined: boolean): ReasoningFields => {
    if (effort === 'none') return { additionalModelRequestFields: {} };
    let budget = CLAUDE_THINKING_BUDGET[effort];
    let maxTokens = budget + CLAUDE_ANSWER_TOKENS;
    if (maxOutputTokens !== undefined) {
      // budget_tokens must stay below max_tokens; shrink the budget rather than exceed the caller's limit.
      budget = Math.min(budget, maxOutputTokens - CLAUDE_MIN_BUDGET);
      maxTokens = maxOutputTokens;
      if (budget < CLAUDE_MIN_BUDGET) return { additionalModelRequestFields: {} };
    }
    const beta = caps.interleavedThinkingBeta && toolsDefined ? { anthropic_beta: [INTERLEAVED_THINKING_BETA] } : {};
    return { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: budget }, ...beta }, maxTokens };
  };
}

/** Adaptive thinking: the model decides how much to think; the effort steers it. Interleaved by itself. */
function claudeAdaptive(effort: ReasoningEffort): ReasoningFields {
  if (effort === 'none') return { additionalModelRequestFields: {} };
  return { additionalModelRequestFields: { thinking: { type: 'adaptive' }, output_config: { effort } } };
}

function reasoningOf(caps: ModelCapabilities): FamilyTraits['reasoning'] {
  switch (caps.reasoning?.style) {
    case undefined:
      return null;
    case 'claude-budget':
      return claudeBudget(caps);
    case 'claude-adaptive':
      return claudeAdaptive;
    case 'gpt-oss':
      return (effort) => ({ additionalModelRequestFields: effort === 'none' ? {} : { reasoning_effort: effort } });
    case 'openai':
      return (effort) => ({ additionalModelRequestFields: { reasoning: { effort } } });
    case 'nova':
      return (effort) =>
        effort === 'none'
          ? { additionalModelRequestFields: {} }
          : { additionalModelRequestFields: { reasoningConfig: { type: 'enabled', maxReasoningEffort: effort } }, ...(effort === 'high' ? { maxTokens: null } : {}) };
  }
}

const FAMILY_BY_VENDOR: Record<string, ModelFamily> = { Anthropic: 'anthropic', OpenAI: 'openai', Amazon: 'nova', Meta: 'meta', 'Mistral AI': 'mistral' };

/** Converse traits of a capability row. */
export function traitsOf(caps: ModelCapabilities): FamilyTraits {
  return {
    family: FAMILY_BY_VENDOR[caps.vendor] ?? 'other',
    vendor: caps.vendor,
    caps,
    cache: caps.cache,
    reasoning: reasoningOf(caps),
    replaysReasoning: caps.replaysReasoning,
    supportsTools: caps.supportsTools,
    streamingToolUse: caps.streamingToolUse,
    toolResultStatus: caps.toolResultStatus,
  };
}

/** The traits of a model id, inference-profile id or ARN. Application profile ARNs are opaque: 'other'. */
export function familyOf(modelId: string): FamilyTraits {
  return traitsOf(capabilitiesOf(modelId));
}
