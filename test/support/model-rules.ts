// What the real services refuse, per model, for the loopback servers. Written from the public sources
// cited at each rule — deliberately NOT from Crosswind's own capability table (src/core/model/
// capabilities.ts): a test server that copies the code under test proves nothing. Where no public
// source was found for the exact wording, the comment says so.

/** Thrown by a check: the status and the service's error body to answer with. */
export interface Refusal {
  status: number;
  /** Bedrock REST-JSON exception type (Converse) or OpenAI error code (Responses). */
  type: string;
  message: string;
  param?: string;
}

/** The id without ARN, geo prefix or version suffix: "us.anthropic.claude-opus-4-7-v1:0" → "anthropic.claude-opus-4-7". */
export function bareBedrockId(id: string): string {
  const resource = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/(.+)$/.exec(id)?.[1] ?? id;
  return resource.replace(/^(us-gov|us|eu|apac|jp|au|ca|global)\./, '').replace(/(?:-\d{8}|-v\d+(?::\d+)?|:\d+)+$/, '');
}

// ---- Converse (bedrock-runtime) ---------------------------------------------------------------------

/**
 * OpenAI models Converse does not serve. AWS model card GPT-5.4 (APIs: Responses, Chat Completions —
 * not Converse, not Invoke; endpoint bedrock-mantle only) and the GPT-5.5 launch ("not served on the
 * Bedrock Converse / InvokeModel APIs", AWS GenAI IDP accelerator docs quoting it). GPT-5.6 *is* on
 * Converse (pydantic/pydantic-ai#7793), gpt-oss too.
 */
const CONVERSE_REFUSES = /^openai\.gpt-5\.[45](?:$|-)/;

/**
 * Claude models that only take adaptive thinking: AWS "Adaptive thinking" — Claude Mythos 5, Fable 5,
 * Opus 4.7 and Mythos Preview return 400 for thinking.type "enabled" (and "disabled"). Taken to cover
 * the later Opus/Fable/Mythos releases too, as coder/aibridge#280 does ("Opus 4.7+").
 */
const ADAPTIVE_ONLY = /^anthropic\.claude-(?:opus-4-(?:[7-9]|\d\d)|(?:opus|fable|mythos)-(?:[5-9]|\d\d)|mythos-preview)/;
/** Opus/Sonnet 4.6 take adaptive too (the same page: enabled is deprecated there, not refused). */
const ADAPTIVE_CAPABLE = /^anthropic\.claude-(?:(?:opus|sonnet)-4-6|sonnet-(?:[5-9]|\d\d))/;

/**
 * output_config.effort values per Claude model: low/medium/high (Opus 4.5), + max (Opus 4.6,
 * Sonnet 4.6), + xhigh (Opus 4.7+) — Anthropic's effort page as quoted by langchain deepagents
 * (ANTHROPIC_EFFORTS_NO_XHIGH / NO_MAX); Sonnet 5: xhigh not documented anywhere we found.
 */
function claudeEfforts(bare: string): string[] | undefined {
  if (ADAPTIVE_ONLY.test(bare)) return ['low', 'medium', 'high', 'xhigh', 'max'];
  if (ADAPTIVE_CAPABLE.test(bare)) return ['low', 'medium', 'high', 'max'];
  if (/^anthropic\.claude-opus-4-5/.test(bare)) return ['low', 'medium', 'high'];
  return undefined;
}

type Json = Record<string, unknown>;

/** What Converse answers 400 to for this model and these additionalModelRequestFields, or undefined. */
export function converseRefusal(modelId: string, additional: Json | undefined): Refusal | undefined {
  const bare = bareBedrockId(decodeURIComponent(modelId));
  if (CONVERSE_REFUSES.test(bare)) {
    // The wording Converse uses for a model it does not serve (observed for Nova Sonic and imported
    // models in public write-ups); the exact text for GPT-5.4/5.5 was not found.
    return { status: 400, type: 'ValidationException', message: "This action doesn't support the model that you provided. Try again with a supported text or chat model." };
  }
  const thinking = additional?.thinking as Json | undefined;
  if (ADAPTIVE_ONLY.test(bare) && thinking && thinking.type !== 'adaptive') {
    // coder/aibridge#280 and NousResearch/hermes-agent#11137 quote the real 400.
    return {
      status: 400,
      type: 'ValidationException',
      message: `"thinking.type.${String(thinking.type)}" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`,
    };
  }
  if (thinking?.type === 'adaptive' && !ADAPTIVE_ONLY.test(bare) && !ADAPTIVE_CAPABLE.test(bare)) {
    // AWS: "Older models (Claude Sonnet 4.5, Claude Opus 4.5, etc.) do not support adaptive thinking". Wording not found.
    return { status: 400, type: 'ValidationException', message: 'thinking.type: adaptive thinking is not supported on this model. Use thinking.type "enabled" with budget_tokens.' };
  }
  const effort = (additional?.output_config as Json | undefined)?.effort;
  if (effort !== undefined) {
    const accepted = claudeEfforts(bare);
    if (!accepted || !accepted.includes(String(effort))) {
      // Shape as GitHub Copilot's Anthropic proxy words it (anomalyco/opencode#22788); Bedrock's own text not found.
      return { status: 400, type: 'ValidationException', message: `output_config.effort "${String(effort)}" is not supported by model ${bare}; supported values: [${(accepted ?? []).join(' ')}]` };
    }
  }
  const oss = additional?.reasoning_effort;
  if (oss !== undefined && /^openai\.gpt-oss/.test(bare) && !['low', 'medium', 'high'].includes(String(oss))) {
    // AWS "OpenAI models" request fields: gpt-oss reasoning_effort is low, medium or high. Wording not found.
    return { status: 400, type: 'ValidationException', message: `reasoning_effort: value '${String(oss)}' is not one of [low, medium, high].` };
  }
  return undefined;
}

// ---- OpenAI Responses (api.openai.com, Azure OpenAI, Bedrock's /openai/v1 routes) ---------------------

/**
 * reasoning.effort values per model (OpenAI API and Azure, which serve the same models):
 * - gpt-5, -mini, -nano, -codex: minimal/low/medium/high (GPT-5 launch, openai/openai-agents-python#1439);
 * - gpt-5.1*: none/low/medium/high — the real 400 is quoted in anomalyco/opencode#4451;
 * - gpt-5.2 … 5.5: + xhigh (GPT-5.2 launch, quoted in stdapi-ai/stdapi.ai#8);
 * - gpt-5.6*: + max (enricoros/big-AGI#1159, measured; anomalyco/opencode#36135);
 * - gpt-5*-pro: high only (OpenAI model page gpt-5-pro);
 * - o1/o3/o4: low/medium/high (big-AGI#1159).
 * On Bedrock Mantle, openai.gpt-5.4 takes minimal/low/medium/high (openai/codex
 * amazon_bedrock/catalog.rs: "advertises only bedrock supported reasoning levels"); GPT-5.5 on Mantle
 * is taken to match (no source found).
 */
export function openaiEfforts(model: string, bedrock: boolean): string[] | undefined {
  const m = bareBedrockId(model).replace(/^openai\./, '').toLowerCase();
  if (/^gpt-5(?:\.\d+)?-pro\b/.test(m)) return ['high'];
  if (bedrock && /^gpt-5\.[45]\b/.test(m)) return ['minimal', 'low', 'medium', 'high'];
  if (/^gpt-5\.6\b/.test(m)) return ['none', 'low', 'medium', 'high', 'xhigh', 'max'];
  if (/^gpt-5\.[2-5]\b/.test(m)) return ['none', 'low', 'medium', 'high', 'xhigh'];
  if (/^gpt-5\.1\b/.test(m)) return ['none', 'low', 'medium', 'high'];
  if (/^gpt-5(?:-(?:mini|nano|codex))?$/.test(m)) return ['minimal', 'low', 'medium', 'high'];
  if (/^o\d/.test(m)) return ['low', 'medium', 'high'];
  if (/^gpt-oss/.test(m)) return ['low', 'medium', 'high'];
  return undefined;
}

function quoteList(values: string[]): string {
  const q = values.map((v) => `'${v}'`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}` : q.join('');
}

/** The Responses 400 for an effort the model does not take (the shape of anomalyco/opencode#4451). */
export function effortRefusal(model: string, effort: unknown, bedrock: boolean): Refusal | undefined {
  if (effort === undefined) return undefined;
  const accepted = openaiEfforts(model, bedrock);
  if (!accepted || accepted.includes(String(effort))) return undefined;
  return {
    status: 400,
    type: 'unsupported_value',
    param: 'reasoning.effort',
    message: `Unsupported value: '${String(effort)}' is not supported with the '${model}' model. Supported values are: ${quoteList(accepted)}.`,
  };
}
