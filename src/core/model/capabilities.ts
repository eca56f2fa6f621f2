// What each model family accepts, as data: which Bedrock API serves it, how reasoning is asked for and
// which effort values it takes, prompt caching and tool streaming on Converse, and the context window.
// One row per family; the first row whose `test` matches the normalised id wins. Every rule names the
// public source it was read from, and says so where no source was found. The adapters in
// src/providers read this table instead of testing model ids themselves, and the loopback servers in
// test/support refuse what the real services refuse according to the same sources.
//
// Unknown models get conservative defaults (UNKNOWN): Converse on Bedrock, effort passed through as
// asked (the service's own 400 is then reported clearly), no cache points, tool calls streamed.
import { REASONING_EFFORTS, type ReasoningEffort } from '../../protocol';
import { bedrockResourceId, stripGeoPrefix, stripVersionSuffix } from '../cost/model-id';

/**
 * Which Bedrock API serves the model:
 * - converse: bedrock-runtime Converse/ConverseStream;
 * - mantle: the OpenAI Responses API at https://bedrock-mantle.{region}.api.aws/openai/v1 (SigV4 service
 *   `bedrock-mantle`, or a Bedrock API key as bearer);
 * - runtime-openai: the OpenAI Responses API at https://bedrock-runtime.{region}.amazonaws.com/openai/v1
 *   (SigV4 service `bedrock`, or the API key).
 */
export type BedrockApi = 'converse' | 'mantle' | 'runtime-openai';

/**
 * How a reasoning effort is put on the wire:
 * - openai: `reasoning.effort` (Responses) / `reasoning_effort` (Chat), or Converse
 *   additionalModelRequestFields.reasoning.effort for OpenAI models on Converse;
 * - gpt-oss: Converse additionalModelRequestFields.reasoning_effort;
 * - claude-budget: `thinking: {type: 'enabled', budget_tokens}` (the effort picks the budget);
 * - claude-adaptive: `thinking: {type: 'adaptive'}` with `output_config: {effort}`;
 * - nova: `reasoningConfig: {type: 'enabled', maxReasoningEffort}`.
 */
export type ReasoningStyle = 'openai' | 'gpt-oss' | 'claude-budget' | 'claude-adaptive' | 'nova';

/** Where Converse accepts cachePoint blocks. */
export interface CachePoints {
  system: boolean;
  tools: boolean;
  messages: boolean;
}

export interface ModelCapabilities {
  /** The row's name, for messages and logs ("gpt-5.5", "Claude Opus 4.7+"). */
  family: string;
  /** Matched against the normalised id (normalizeModelId): no ARN, geo prefix, vendor prefix or version. */
  test: RegExp;
  vendor: string;
  /** Which Bedrock API serves it (Bedrock only; other clouds ignore it). */
  bedrockApi: BedrockApi;
  /** null: the model takes no reasoning control. */
  reasoning: {
    style: ReasoningStyle;
    /** The effort values the service accepts, in REASONING_EFFORTS order. */
    efforts: readonly ReasoningEffort[];
    /** Where Bedrock accepts a different set than OpenAI/Azure do. */
    bedrockEfforts?: readonly ReasoningEffort[];
  } | null;
  /** Claude: thinking between tool calls needs `anthropic_beta: ['interleaved-thinking-2025-05-14']`. */
  interleavedThinkingBeta: boolean;
  /** Converse: sends its signed reasoning blocks back during tool use. */
  replaysReasoning: boolean;
  /** Converse cachePoint placement; null: none. */
  cache: CachePoints | null;
  supportsTools: boolean;
  /** False: ConverseStream cannot stream tool calls, so tool turns use Converse. */
  streamingToolUse: boolean;
  /** toolResult.status ('error') is accepted by Converse. */
  toolResultStatus: boolean;
  /** Takes images in a user message (Converse image blocks, Responses input_image, Chat image_url). */
  images: boolean;
  /** Tokens; undefined: not known here. */
  contextWindow?: number;
  /** Public sources of this row's rules. */
  sources: readonly string[];
}

// ---- Sources, cited by the rows below --------------------------------------------------------------
const S = {
  awsGpt54Card: 'AWS model card GPT-5.4: APIs Responses + Chat Completions only (not Converse/Invoke), endpoint bedrock-mantle only, context 272K — https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-openai-gpt-54.html',
  awsGpt55: 'AWS "Get started with OpenAI GPT-5.5, GPT-5.4 models and Codex on Amazon Bedrock" (2026-06-01); openai.gpt-5.5 on bedrock-mantle Responses only — https://aws.amazon.com/blogs/aws/get-started-with-openai-gpt-5-5-gpt-5-4-models-and-codex-on-amazon-bedrock (as reported by dev.classmethod.jp 2026-06-02 and the AWS GenAI IDP accelerator docs: "not served on the Bedrock Converse / InvokeModel APIs")',
  awsMantle: 'AWS "Inference using Responses API" (bedrock-mantle, SigV4 service bedrock-mantle or a Bedrock API key) — https://docs.aws.amazon.com/bedrock/latest/userguide/bedrock-mantle.html',
  codexMantle: 'openai/codex codex-rs/model-provider/src/amazon_bedrock/{mantle.rs,catalog.rs}: base URL https://bedrock-mantle.{region}.api.aws/openai/v1, service bedrock-mantle; openai.gpt-5.4 advertises minimal/low/medium/high only',
  codexRuntime: 'openai/codex built-in provider `amazon-bedrock-runtime` (codex-cli 0.171.0): cross-region ids global./us.openai.gpt-5.6-* at https://bedrock-runtime.{region}.amazonaws.com/openai/v1',
  openaiBedrockGuide: 'OpenAI "OpenAI models in Amazon Bedrock": GPT-5.6/GPT-6 on bedrock-runtime and bedrock-mantle, Responses + Chat Completions — https://developers.openai.com/api/docs/guides/amazon-bedrock',
  pydantic7793: 'pydantic/pydantic-ai#7793: AWS also serves GPT-5.6 (Sol/Terra/Luna) on bedrock-runtime Converse; GPT-5.4/5.5 stay Mantle-only',
  gpt51Efforts: "OpenAI 400 for gpt-5.1: \"Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low', 'medium', and 'high'.\" (param reasoning.effort, code unsupported_value) — quoted in anomalyco/opencode#4451",
  gpt52Xhigh: 'OpenAI GPT-5.2 launch: effort none/low/medium/high and, new, xhigh (quoted in stdapi-ai/stdapi.ai#8); xhigh kept for 5.4+ (maximhq/bifrost#3369)',
  gpt56Max: 'GPT-5.6 family (sol/terra/luna) adds `max` (anomalyco/opencode#36135, enricoros/big-AGI#1159 measured against api.openai.com)',
  gpt5Minimal: 'OpenAI GPT-5 launch: reasoning.effort minimal/low/medium/high (openai/openai-agents-python#1439, discourse/discourse#34179)',
  gptPro: 'OpenAI model pages gpt-5-pro / gpt-5.x-pro: reasoning.effort high only — https://developers.openai.com/api/docs/models/gpt-5-pro',
  gpt6: 'QwenLM/qwen-code#11295 (tested against a live gateway): GPT-6 Astra thinks always, `none` is not accepted; low..xhigh and max accepted. No first-party page found',
  oSeries: 'enricoros/big-AGI#1159 (measured): o1/o3-mini take low/medium/high',
  gptOss: 'AWS "OpenAI models" request fields: gpt-oss reasoning_effort low/medium/high — https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-openai.html; context 128K (openai/codex amazon_bedrock/catalog.rs)',
  claudeAdaptive: 'AWS "Adaptive thinking": Claude Mythos 5, Fable 5, Opus 4.7, Mythos Preview only support thinking.type adaptive (enabled or disabled → 400); deprecated on Opus 4.6 / Sonnet 4.6; adaptive enables interleaved thinking itself — https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html',
  claudeAdaptiveError: 'The 400 for thinking.type enabled on Opus 4.7: "\\"thinking.type.enabled\\" is not supported for this model. Use \\"thinking.type.adaptive\\" and \\"output_config.effort\\" to control thinking behavior." (coder/aibridge#280, NousResearch/hermes-agent#11137)',
  claudeEffort: 'Anthropic effort levels: low/medium/high on Opus 4.5, + max on Opus 4.6 / Sonnet 4.6, + xhigh on Opus 4.7+ (https://platform.claude.com/docs/en/build-with-claude/effort, as quoted by langchain deepagents ANTHROPIC_EFFORTS_NO_XHIGH/NO_MAX); max on Opus 4.8, Fable 5, Mythos 5 (can1357/oh-my-pi#2985)',
  sonnet5: 'Claude Sonnet 5 migration: manual extended thinking removed, effort instead (developersdigest.tech Sonnet 5 guide, 2026-07-04, citing Anthropic\'s migration guide); xhigh for Sonnet 5 not found in any source: not offered',
  claudeBudget: 'AWS "Extended thinking": thinking {type: enabled, budget_tokens ≥ 1024 < max_tokens} on Claude 3.7 Sonnet and Claude 4.x; interleaved thinking between tool calls on Claude 4 models with anthropic_beta interleaved-thinking-2025-05-14 (not 3.7) — https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html',
  promptCaching: 'AWS "Prompt caching": Claude 3.5 Haiku, 3.7 Sonnet and Claude 4+ take cachePoint in system, messages and tools; Amazon Nova in system and messages — https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html',
  converseFeatures: 'AWS "Supported models and model features" (Converse): Llama 3.1/3.2 and Mistral Large support tool use but not streaming tool use; toolResult.status documented for Claude only — https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html',
  nova2: 'AWS Nova 2 user guide: reasoningConfig {type: enabled, maxReasoningEffort low/medium/high}; do not set maxTokens with high — https://docs.aws.amazon.com/nova/latest/nova2-userguide/',
  claudeContext: 'Anthropic model overview: 200K context for Claude 3.5–4.x (1M beta not used) — https://platform.claude.com/docs/en/about-claude/models/overview',
  openaiContext: 'OpenAI model pages: GPT-5 family 400K context on the OpenAI API — https://developers.openai.com/api/docs/models',
  openaiVision: 'OpenAI model pages: GPT-5.x, o1, o3 and o4-mini take text and image input; o1-mini and o3-mini text only — https://developers.openai.com/api/docs/models; openai/codex amazon_bedrock/catalog.rs: openai.gpt-5.4 on Bedrock input_modalities Text + Image',
  gptOssText: 'openai/codex amazon_bedrock/catalog.rs: openai.gpt-oss-120b/20b input_modalities Text only',
  converseVision: 'AWS "Supported models and model features" (Converse), column Vision: Claude 3 and later (not Claude 3.5 Haiku), Nova Pro/Lite/Premier (not Micro), Llama 3.2 11B/90B and Llama 4, Pixtral; not Mistral Large 2, other Llama or Mistral — https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html',
} as const;

const BEDROCK_CLAUDE_CACHE: CachePoints = { system: true, tools: true, messages: true };
const NOVA_CACHE: CachePoints = { system: true, tools: false, messages: true };
const ALL_EFFORTS = REASONING_EFFORTS;

const BASE: Omit<ModelCapabilities, 'family' | 'test' | 'vendor' | 'sources'> = {
  bedrockApi: 'converse',
  reasoning: null,
  interleavedThinkingBeta: false,
  replaysReasoning: false,
  cache: null,
  supportsTools: true,
  streamingToolUse: true,
  toolResultStatus: false,
  // Images are not refused here for a model this table does not know (an Azure deployment name, an
  // opaque ARN): they are sent, and the service's own 400 is reported. Rows that know say so.
  images: true,
};

type Row = ModelCapabilities;

type OpenAIExtra = Partial<Pick<Row, 'bedrockApi' | 'contextWindow' | 'images'>> & { bedrockEfforts?: readonly ReasoningEffort[] };

const openai = (family: string, test: RegExp, efforts: readonly ReasoningEffort[], extra: OpenAIExtra, ...sources: string[]): Row => {
  const { bedrockEfforts, ...rest } = extra;
  return {
    ...BASE,
    family,
    test,
    vendor: 'OpenAI',
    reasoning: { style: 'openai', efforts, ...(bedrockEfforts ? { bedrockEfforts } : {}) },
    contextWindow: 400_000,
    images: true,
    ...rest,
    sources: [...sources, S.openaiContext, S.openaiVision],
  };
};

const claude = (family: string, test: RegExp, extra: Partial<Row>, ...sources: string[]): Row => ({
  ...BASE,
  family,
  test,
  vendor: 'Anthropic',
  cache: BEDROCK_CLAUDE_CACHE,
  replaysReasoning: true,
  toolResultStatus: true,
  contextWindow: 200_000,
  images: true,
  ...extra,
  sources: [...sources, S.promptCaching, S.converseFeatures, S.claudeContext, S.converseVision],
});

/** First match wins: specific rows before general ones. */
export const MODEL_CAPABILITIES: readonly ModelCapabilities[] = [
  // ---- OpenAI ------------------------------------------------------------------------------------
  openai('gpt-5.x-pro', /^gpt-5(?:\.\d+)?-pro\b/, ['high'], {}, S.gptPro),
  openai('gpt-6', /^gpt-6\b/, ['low', 'medium', 'high', 'xhigh', 'max'], { bedrockApi: 'runtime-openai' }, S.gpt6, S.openaiBedrockGuide, S.codexRuntime),
  openai('gpt-5.6', /^gpt-5\.6\b/, ['none', 'low', 'medium', 'high', 'xhigh', 'max'], { bedrockApi: 'runtime-openai' }, S.gpt56Max, S.codexRuntime, S.openaiBedrockGuide, S.pydantic7793),
  openai(
    'gpt-5.4 / gpt-5.5',
    /^gpt-5\.[45]\b/,
    ['none', 'low', 'medium', 'high', 'xhigh'],
    // Bedrock: codex's Bedrock catalog offers openai.gpt-5.4 minimal..high only; assumed the same for 5.5 (no source found).
    { bedrockApi: 'mantle', bedrockEfforts: ['minimal', 'low', 'medium', 'high'], contextWindow: 272_000 },
    S.awsGpt54Card, S.awsGpt55, S.awsMantle, S.codexMantle, S.gpt52Xhigh,
  ),
  openai('gpt-5.2 / gpt-5.3', /^gpt-5\.[23]\b/, ['none', 'low', 'medium', 'high', 'xhigh'], {}, S.gpt52Xhigh),
  openai('gpt-5.1', /^gpt-5\.1\b/, ['none', 'low', 'medium', 'high'], {}, S.gpt51Efforts),
  openai('gpt-5', /^gpt-5(?:-(?:mini|nano|codex))?$/, ['minimal', 'low', 'medium', 'high'], {}, S.gpt5Minimal),
  openai('o-series (text only)', /^o[13]-mini$/, ['low', 'medium', 'high'], { contextWindow: 200_000, images: false }, S.oSeries),
  openai('o-series', /^o\d(?:-mini|-pro)?$/, ['low', 'medium', 'high'], { contextWindow: 200_000 }, S.oSeries),
  {
    ...BASE, family: 'gpt-oss', test: /^gpt-oss/, vendor: 'OpenAI',
    reasoning: { style: 'gpt-oss', efforts: ['low', 'medium', 'high'] }, contextWindow: 128_000, images: false, sources: [S.gptOss, S.gptOssText],
  },
  // ---- Anthropic Claude (Bedrock Converse) ---------------------------------------------------------
  claude(
    'Claude adaptive-only (Opus 4.7+, Opus/Fable/Mythos 5+)',
    /^claude-(?:opus-4-(?:[7-9]|\d\d)|(?:opus|fable|mythos)-(?:[5-9]|\d\d)|mythos-preview)/,
    { reasoning: { style: 'claude-adaptive', efforts: ['none', 'low', 'medium', 'high', 'xhigh', 'max'] } },
    S.claudeAdaptive, S.claudeAdaptiveError, S.claudeEffort,
  ),
  claude('Claude Sonnet 5+', /^claude-sonnet-(?:[5-9]|\d\d)/, { reasoning: { style: 'claude-adaptive', efforts: ['none', 'low', 'medium', 'high', 'max'] } }, S.sonnet5, S.claudeEffort),
  claude('Claude Opus / Sonnet 4.6', /^claude-(?:opus|sonnet)-4-6/, { reasoning: { style: 'claude-adaptive', efforts: ['none', 'low', 'medium', 'high', 'max'] } }, S.claudeAdaptive, S.claudeEffort),
  claude('Claude 4.x (extended thinking)', /^claude-(?:opus|sonnet|haiku)-4(?:-[0-5])?(?:$|-)/, { reasoning: { style: 'claude-budget', efforts: ALL_EFFORTS }, interleavedThinkingBeta: true }, S.claudeBudget),
  claude('Claude 3.7 Sonnet', /^claude-3-7-/, { reasoning: { style: 'claude-budget', efforts: ALL_EFFORTS } }, S.claudeBudget),
  claude('Claude 3.5 Haiku', /^claude-3-5-haiku/, { images: false }, S.promptCaching),
  { ...BASE, family: 'Claude (other)', test: /^claude-/, vendor: 'Anthropic', toolResultStatus: true, contextWindow: 200_000, sources: [S.converseFeatures, S.converseVision, 'older and future Claude models: no cache point or thinking until this table knows them'] },
  // ---- Amazon Nova ---------------------------------------------------------------------------------
  { ...BASE, family: 'Nova 2', test: /^nova-2-/, vendor: 'Amazon', cache: NOVA_CACHE, reasoning: { style: 'nova', efforts: ['low', 'medium', 'high'] }, sources: [S.nova2, S.promptCaching] },
  { ...BASE, family: 'Nova Premier', test: /^nova-premier/, vendor: 'Amazon', cache: NOVA_CACHE, contextWindow: 1_000_000, sources: [S.promptCaching] },
  { ...BASE, family: 'Nova Pro/Lite', test: /^nova-(?:pro|lite)/, vendor: 'Amazon', cache: NOVA_CACHE, contextWindow: 300_000, sources: [S.promptCaching] },
  { ...BASE, family: 'Nova Micro', test: /^nova-micro/, vendor: 'Amazon', cache: NOVA_CACHE, contextWindow: 128_000, images: false, sources: [S.promptCaching, S.converseVision] },
  { ...BASE, family: 'Nova (other)', test: /^nova-/, vendor: 'Amazon', supportsTools: false, images: false, sources: [S.converseFeatures, S.converseVision] },
  // ---- Meta, Mistral -------------------------------------------------------------------------------
  { ...BASE, family: 'Llama 4', test: /^llama4-/, vendor: 'Meta', streamingToolUse: false, contextWindow: 1_000_000, sources: [S.converseFeatures] },
  { ...BASE, family: 'Llama 3.2 11B/90B (vision)', test: /^llama3-2-(?:11b|90b)/, vendor: 'Meta', streamingToolUse: false, contextWindow: 128_000, sources: [S.converseFeatures, S.converseVision] },
  { ...BASE, family: 'Llama 3.1–3.3 (tools)', test: /^llama3-(?:1-|3-)/, vendor: 'Meta', streamingToolUse: false, contextWindow: 128_000, images: false, sources: [S.converseFeatures, S.converseVision] },
  { ...BASE, family: 'Llama (other)', test: /^llama/, vendor: 'Meta', supportsTools: false, contextWindow: 128_000, images: false, sources: [S.converseFeatures, S.converseVision] },
  { ...BASE, family: 'Pixtral', test: /^pixtral/, vendor: 'Mistral AI', streamingToolUse: false, sources: [S.converseFeatures, S.converseVision] },
  { ...BASE, family: 'Mistral Large', test: /^mistral-large/, vendor: 'Mistral AI', streamingToolUse: false, images: false, sources: [S.converseFeatures, S.converseVision] },
  { ...BASE, family: 'Mistral (other)', test: /^mistral-/, vendor: 'Mistral AI', supportsTools: false, images: false, sources: [S.converseFeatures, S.converseVision] },
];

/** A model this table does not know: Converse, effort passed through, no cache points. */
export const UNKNOWN_MODEL: ModelCapabilities = {
  ...BASE,
  family: 'unknown',
  test: /$^/,
  vendor: 'Other',
  sources: ['conservative defaults for a model this table does not know'],
};

const VENDOR_PREFIX = /^(?:anthropic|openai|amazon|meta|mistral|deepseek|writer|cohere|ai21|qwen|google|moonshot|minimax|zai)\./;

/**
 * The id rows are matched against: "arn:…:inference-profile/us.anthropic.claude-opus-4-7-v1:0" →
 * "claude-opus-4-7"; "openai.gpt-5.5" → "gpt-5.5"; an Azure or OpenAI id as is, lower-cased. Undefined
 * for an opaque id (an application inference-profile or provisioned-model ARN): resolve it first.
 */
export function normalizeModelId(id: string): string | undefined {
  const resource = bedrockResourceId(id.trim());
  if (resource.startsWith('arn:')) return undefined;
  return stripVersionSuffix(stripGeoPrefix(resource).toLowerCase().replace(VENDOR_PREFIX, '').replace(/^.*\//, ''));
}

/** The row for a model id (UNKNOWN_MODEL when no row matches or the id is opaque). */
export function capabilitiesOf(id: string): ModelCapabilities {
  const normalized = normalizeModelId(id);
  if (normalized === undefined) return UNKNOWN_MODEL;
  return MODEL_CAPABILITIES.find((row) => row.test.test(normalized)) ?? UNKNOWN_MODEL;
}

/** The effort values the model takes on this cloud; undefined: not known (pass through as asked). */
export function acceptedEfforts(caps: ModelCapabilities, provider: 'bedrock' | 'azure' | 'openai'): readonly ReasoningEffort[] | undefined {
  if (caps === UNKNOWN_MODEL) return undefined;
  if (!caps.reasoning) return ['none'];
  return provider === 'bedrock' && caps.reasoning.bedrockEfforts ? caps.reasoning.bedrockEfforts : caps.reasoning.efforts;
}

export type EffortResolution =
  /**
   * Send this effort. `ignored`: the model takes no reasoning control, so nothing is sent (a profile's
   * effort must not break a failover to such a model; `crosswind exec --effort` refuses it up front).
   */
  | { ok: true; effort: ReasoningEffort; mapped: boolean; ignored?: true }
  | { ok: false; message: string };

/**
 * The effort to send for what was asked, never one the model refuses:
 * - accepted as is → as is; an unknown model → as is (its own answer decides);
 * - a model without reasoning control → ignored (nothing sent);
 * - `none` where reasoning cannot be turned off → refused, naming what the model takes;
 * - otherwise the nearest accepted value in REASONING_EFFORTS order (a tie goes to the higher one: the
 *   user asked for at least that much thought).
 */
export function resolveEffort(model: string, provider: 'bedrock' | 'azure' | 'openai', asked: ReasoningEffort): EffortResolution {
  const caps = capabilitiesOf(model);
  const accepted = acceptedEfforts(caps, provider);
  if (!caps.reasoning && accepted) return { ok: true, effort: asked, mapped: false, ignored: true };
  if (!accepted || accepted.includes(asked)) return { ok: true, effort: asked, mapped: false };
  if (asked === 'none') return { ok: false, message: `${model} always reasons: effort 'none' is not accepted. It takes ${accepted.map((e) => `'${e}'`).join(', ')}.` };
  const rank = (e: ReasoningEffort) => REASONING_EFFORTS.indexOf(e);
  const candidates = accepted.filter((e) => e !== 'none');
  let best = candidates[0]!;
  for (const e of candidates) {
    const d = Math.abs(rank(e) - rank(asked));
    const bestD = Math.abs(rank(best) - rank(asked));
    if (d < bestD || (d === bestD && rank(e) > rank(best))) best = e;
  }
  return { ok: true, effort: best, mapped: true };
}
