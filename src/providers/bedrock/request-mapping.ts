// A neutral ModelRequest → the ConverseStream (or Converse) request: system blocks, messages, tool
// specs, inference config, the model family's reasoning fields, cache points and the guardrail.
import type { ContentBlock, ConverseStreamCommandInput, InferenceConfiguration, SystemContentBlock, Tool, ToolUseBlock } from '@aws-sdk/client-bedrock-runtime';
import { resolveEffort } from '../../core/model/capabilities';
import { ModelError } from '../../core/model/errors';
import type { ModelRequest, ReasoningConversationItem, ToolDefinition } from '../../core/model/types';
import type { BedrockProfile } from '../../protocol';
import { toConverseMessages, toolLoopLacksReasoning } from './conversation-mapping';
import { guardrailConfigOf } from './guardrail';
import { baseModelId } from './inference-profiles';
import type { FamilyTraits, ReasoningFields } from './model-families';

/** The SDK's JSON document type, as the toolUse input and additionalModelRequestFields take it. */
type Document = NonNullable<ToolUseBlock['input']>;

export interface RequestMappingContext {
  /** The id sent to Bedrock (with its inference-profile prefix, or an application inference-profile ARN). */
  modelId: string;
  /** The model the capability table knows it by (the ARN's underlying model, once resolved). */
  capabilityModel?: string;
  profile: BedrockProfile;
  traits: FamilyTraits;
}

export interface MappedRequest {
  input: ConverseStreamCommandInput;
  /** Why the request differs from what was asked, for the debug log. */
  notes: string[];
}

const CACHE_POINT = { cachePoint: { type: 'default' as const } };

/** Reasoning from another provider or model is dropped: its signature only verifies where it was made. */
function isReplayable(item: ReasoningConversationItem, ctx: RequestMappingContext): boolean {
  return ctx.traits.replaysReasoning && item.origin.provider === 'bedrock' && baseModelId(item.origin.model) === baseModelId(ctx.modelId);
}

function toolSpecs(tools: ToolDefinition[]): Tool[] {
  return tools.map((t) => ({
    toolSpec: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      inputSchema: { json: t.parameters as Document },
    },
  }));
}

export function buildConverseRequest(request: ModelRequest, ctx: RequestMappingContext): MappedRequest {
  const { profile, traits } = ctx;
  const notes: string[] = [];
  const toolsDefined = request.tools.length > 0;
  const cache = (request.promptCache ?? true) && !profile.disablePromptCache ? traits.cache : null;

  const messages = toConverseMessages(request.items, {
    toolsDefined,
    replayReasoning: (item) => isReplayable(item, ctx),
    toolResultStatus: traits.toolResultStatus,
  });

  const system: SystemContentBlock[] = request.system.trim() ? [{ text: request.system }] : [];
  if (cache?.system && system.length > 0) system.push(CACHE_POINT);

  const tools = toolSpecs(request.tools);
  if (cache?.tools && tools.length > 0) tools.push(CACHE_POINT);

  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  if (cache?.messages && lastUser) lastUser.content!.push(CACHE_POINT as ContentBlock);

  const asked = request.reasoningEffort ?? profile.reasoningEffort;
  const maxOutputTokens = request.maxOutputTokens ?? profile.maxOutputTokens;
  let reasoning: ReasoningFields | undefined;
  if (asked) {
    // Never a value the model refuses: mapped to the nearest it takes, or refused before any request.
    const resolved = resolveEffort(ctx.capabilityModel ?? ctx.modelId, 'bedrock', asked);
    if (!resolved.ok) throw new ModelError('configuration', resolved.message, { provider: 'bedrock', fix: 'Change the profile\'s reasoningEffort (or crosswind exec --effort).' });
    if (resolved.mapped) notes.push(`effort '${asked}' sent as '${resolved.effort}', the nearest ${ctx.modelId} accepts`);
    if (!traits.reasoning || resolved.ignored) {
      // No reasoning control, or a model the table does not know: no reasoning fields (their placement is unknown).
    } else if (traits.family === 'anthropic' && traits.caps.reasoning?.style === 'claude-budget' && toolLoopLacksReasoning(messages)) {
      notes.push('thinking left off: the tool loop being continued has no thinking block to replay');
    } else {
      reasoning = traits.reasoning(resolved.effort, maxOutputTokens, toolsDefined);
    }
  }

  const maxTokens = reasoning?.maxTokens === null ? undefined : (reasoning?.maxTokens ?? maxOutputTokens);
  const inferenceConfig: InferenceConfiguration | undefined = maxTokens !== undefined ? { maxTokens } : undefined;
  const additional = reasoning && Object.keys(reasoning.additionalModelRequestFields).length > 0 ? reasoning.additionalModelRequestFields : undefined;
  const guardrailConfig = guardrailConfigOf(profile);

  return {
    notes,
    input: {
      modelId: ctx.modelId,
      messages,
      ...(system.length > 0 ? { system } : {}),
      ...(inferenceConfig ? { inferenceConfig } : {}),
      ...(tools.length > 0 ? { toolConfig: { tools } } : {}),
      ...(additional ? { additionalModelRequestFields: additional as Document } : {}),
      ...(guardrailConfig ? { guardrailConfig } : {}),
    },
  };
}
