// The price table Crosswind ships: public list prices in US dollars per million tokens, keyed
// `<provider>/<model id prefix>` (see price-table.ts for how ids are matched). Every entry names its
// source; where a figure was derived rather than read, its note says how. Companies with negotiated or
// committed-spend rates override any entry through `crosswind.pricing` or `crosswind exec --pricing`.
//
// Not modelled here (say so rather than guess): batch, flex and priority tiers; 1-hour cache writes
// (the 5-minute write rate is used); Anthropic's >200K-token long-context rates; Azure Data Zone and
// Regional deployments (they cost more than Global Standard — enter them as overrides); long-context
// rates for the GPT-6 family and for gpt-5.x on Azure, which were not found.
import type { ShippedPriceTable, ShippedPrice } from './price-table';

type SourceId = keyof typeof SOURCES;

const SOURCES = {
  'openai-list': {
    checked: '2026-11-23',
    title: 'OpenAI API pricing, standard tier',
    url: 'https://developers.openai.com/api/docs/pricing',
    seen:
      'not readable from here; figures as reported from it by the GitHub Docs Copilot models-and-pricing table ' +
      '(copy seen 2026-11-23), morphllm.com (June 2026), benchr.org and hivebook.wiki GPT-5.5 pages, and ' +
      "OpenAI's gpt-5-codex model page",
  },
  'openai-gpt6': {
    checked: '2026-10-01',
    title: 'OpenAI GPT-6 Sol / GPT-6 Luna / GPT-6.1 Sol model pages',
    url: 'https://developers.openai.com/api/docs/models/gpt-6.1-sol',
    seen: 'not readable from here; figures as quoted by codexometer v0.18.4 (2026-09-22) and PromptFuel v1.0.22 / AILSA SubSwitch (checked 2026-10-01)',
  },
  'anthropic-list': {
    checked: '2026-11-23',
    title: 'Anthropic Claude pricing (cache write = 5-minute write)',
    url: 'https://platform.claude.com/docs/en/about-claude/pricing',
    seen: 'pricing page and Opus 5 / Opus 5.5 model pages, seen 2026-11-23; Sonnet 5.5 and Fable 5.1 as quoted by PromptFuel v1.0.22 (2026-10-01)',
  },
  'bedrock-claude-regional': {
    checked: '2026-11-23',
    title: 'Claude on Bedrock: geographic and in-Region endpoints cost 10% more than global ones (Sonnet 4.5, Haiku 4.5, Opus 4.5 and later)',
    url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html',
    seen:
      'AWS user guide and Anthropic "Claude on Amazon Bedrock", seen 2026-11-23; regional rates here are 1.1 × the global list rate. ' +
      'One third-party mirror (pi-ai data, 2026-08-20) lists us./jp. profiles at the global rate: override if your bill says so',
  },
  'bedrock-openai': {
    checked: '2026-06-11',
    title: 'Amazon Bedrock pricing, OpenAI models (bedrock-mantle)',
    url: 'https://aws.amazon.com/bedrock/pricing/',
    seen: 'as reported by dev.classmethod.jp (2026-06-02) and the ai-gateway admin guide ("verified 2026-06-11 against the AWS Bedrock pricing page and Price List API")',
  },
  'bedrock-mirror': {
    checked: '2026-08-20',
    title: 'Amazon Bedrock on-demand list prices (Meta Llama, Amazon Nova, gpt-oss, GPT-5.6 on Bedrock)',
    url: 'https://aws.amazon.com/bedrock/pricing/',
    seen: 'AWS page not readable from here; figures as mirrored by open-source tables: pi-ai Bedrock data via ralphd (as of 2026-08-20) and the Cline / Roo Code Bedrock model tables, which agree',
  },
  'azure-global': {
    checked: '2026-06-11',
    title: 'Azure OpenAI, Global Standard pay-as-you-go (same rates as OpenAI list)',
    url: 'https://azure.microsoft.com/pricing/details/cognitive-services/openai-service/',
    seen: 'Azure page not readable from here; "identical to OpenAI direct" per aicosthub (verified 2026-04-01), amnic.com and opslyft.com (2026-06-11)',
  },
} as const;

function price(source: SourceId, input: number, output: number, cacheRead?: number, cacheWrite?: number, note?: string): ShippedPrice {
  return { source, checked: SOURCES[source].checked, input, output, cacheRead, cacheWrite, note };
}

/** Long-context rates: the whole request is billed at these once its prompt exceeds the threshold. */
function withLongContext(base: ShippedPrice, aboveInputTokens: number, input: number, output: number, cacheRead?: number, cacheWrite?: number): ShippedPrice {
  return { ...base, longContext: { aboveInputTokens, input, output, cacheRead, cacheWrite } };
}

/** The GPT-5.6 preview (2026-06-26) was reported at other rates; the table keeps the later list copy. */
const GPT56_PREVIEW_NOTE = (preview: string) =>
  `the June 2026 limited preview was reported at ${preview} per million (OpenAI Help Center as quoted by laxima.tech, lushbinary.com, finout.io, llmreference.com, 2026-06-26/28); the later list copy above is kept — override if your invoice differs`;

const OPENAI: Record<string, ShippedPrice> = {
  'openai/gpt-6.1-sol': price('openai-gpt6', 2, 10, 0.1, 2.5),
  'openai/gpt-6-sol': price('openai-gpt6', 2, 10, 0.2, 2.5),
  'openai/gpt-6-luna': price('openai-gpt6', 0.1, 0.5, 0.01, 0.125),
  'openai/gpt-5.6-sol': withLongContext(
    price('openai-list', 5, 30, 0.5, 6.25, 'list rate; a promotion ($4 / $0.40 / $20) ran from 2026-08-21 "at least through 2026-11-21" per PromptFuel v1.0.17 — not applied'),
    272_000, 10, 45, 1, 12.5,
  ),
  'openai/gpt-5.6-terra': withLongContext(
    price('openai-list', 2, 12, 0.2, 2.5, GPT56_PREVIEW_NOTE('$2.50 / $15')),
    272_000, 4, 18, 0.4, 5,
  ),
  // Long-context threshold 272K like every other GPT-5.6 tier (was 200K here, which no source showed).
  'openai/gpt-5.6-luna': withLongContext(
    price('openai-list', 0.2, 1.2, 0.02, 0.25, GPT56_PREVIEW_NOTE('$1 / $6, cached $0.10')),
    272_000, 0.4, 1.8, 0.04, 0.5,
  ),
  'openai/gpt-5.5': withLongContext(price('openai-list', 5, 30, 0.5), 272_000, 10, 45, 1),
  'openai/gpt-5.5-pro': price('openai-list', 30, 180),
  'openai/gpt-5.4': withLongContext(price('openai-list', 2.5, 15, 0.25), 272_000, 5, 22.5, 0.5),
  'openai/gpt-5.4-mini': price('openai-list', 0.75, 4.5, 0.075),
  'openai/gpt-5.4-nano': price('openai-list', 0.2, 1.25, 0.02),
  'openai/gpt-5.4-pro': price('openai-list', 30, 180),
  'openai/gpt-5.3-codex': price('openai-list', 1.75, 14, 0.175),
  'openai/gpt-5.2': price('openai-list', 1.75, 14, 0.175),
  'openai/gpt-5.2-codex': price('openai-list', 1.75, 14, 0.175),
  'openai/gpt-5.2-pro': price('openai-list', 21, 168),
  'openai/gpt-5.1': price('openai-list', 1.25, 10, 0.125),
  'openai/gpt-5.1-codex': price('openai-list', 1.25, 10, 0.125, undefined, 'not seen itself: taken equal to gpt-5.1, as every other codex variant is priced like its base model'),
  'openai/gpt-5.1-codex-mini': price('openai-list', 0.25, 2, 0.025, undefined, 'input/output from OpenRouter (2025-11); cached input derived as 10% of input, the GPT-5 family rule'),
  'openai/gpt-5-codex': price('openai-list', 1.25, 10, 0.125),
  'openai/gpt-5': price('openai-list', 1.25, 10, 0.125),
  'openai/gpt-5-mini': price('openai-list', 0.25, 2, 0.025),
};

/** Claude 4.5 and later: `global.` profiles at list price, every other route (geo or in-Region) at 1.1×. */
function claudeOnBedrock(id: string, input: number, output: number, cacheRead: number, cacheWrite: number, regional: [number, number, number, number]): Record<string, ShippedPrice> {
  return {
    [`bedrock/global.anthropic.${id}`]: price('anthropic-list', input, output, cacheRead, cacheWrite),
    [`bedrock/anthropic.${id}`]: price('bedrock-claude-regional', ...regional),
  };
}

const BEDROCK: Record<string, ShippedPrice> = {
  ...claudeOnBedrock('claude-fable-5-1', 10, 50, 0.25, 12.5, [11, 55, 0.275, 13.75]),
  ...claudeOnBedrock('claude-fable-5', 10, 50, 1, 12.5, [11, 55, 1.1, 13.75]),
  ...claudeOnBedrock('claude-opus-5-5', 4, 20, 0.2, 5, [4.4, 22, 0.22, 5.5]),
  ...claudeOnBedrock('claude-opus-5', 5, 25, 0.5, 6.25, [5.5, 27.5, 0.55, 6.875]),
  ...claudeOnBedrock('claude-sonnet-5-5', 2, 10, 0.2, 2.5, [2.2, 11, 0.22, 2.75]),
  ...claudeOnBedrock('claude-sonnet-5', 2, 10, 0.2, 2.5, [2.2, 11, 0.22, 2.75]),
  ...claudeOnBedrock('claude-opus-4-8', 5, 25, 0.5, 6.25, [5.5, 27.5, 0.55, 6.875]),
  ...claudeOnBedrock('claude-opus-4-7', 5, 25, 0.5, 6.25, [5.5, 27.5, 0.55, 6.875]),
  ...claudeOnBedrock('claude-opus-4-6', 5, 25, 0.5, 6.25, [5.5, 27.5, 0.55, 6.875]),
  ...claudeOnBedrock('claude-opus-4-5', 5, 25, 0.5, 6.25, [5.5, 27.5, 0.55, 6.875]),
  ...claudeOnBedrock('claude-sonnet-4-6', 3, 15, 0.3, 3.75, [3.3, 16.5, 0.33, 4.125]),
  ...claudeOnBedrock('claude-sonnet-4-5', 3, 15, 0.3, 3.75, [3.3, 16.5, 0.33, 4.125]),
  ...claudeOnBedrock('claude-haiku-4-5', 1, 5, 0.1, 1.25, [1.1, 5.5, 0.11, 1.375]),
  // Before 4.5 every route costs the list price.
  'bedrock/anthropic.claude-sonnet-4': price('anthropic-list', 3, 15, 0.3, 3.75),
  'bedrock/anthropic.claude-opus-4-1': price('anthropic-list', 15, 75, 1.5, 18.75),
  'bedrock/anthropic.claude-opus-4': price('anthropic-list', 15, 75, 1.5, 18.75),
  'bedrock/anthropic.claude-3-7-sonnet': price('anthropic-list', 3, 15, 0.3, 3.75),
  'bedrock/anthropic.claude-3-5-haiku': price('anthropic-list', 0.8, 4, 0.08, 1),
  'bedrock/openai.gpt-5.5': price('bedrock-openai', 5.5, 33, 0.55),
  'bedrock/openai.gpt-5.4': price('bedrock-openai', 2.75, 16.5, 0.275),
  'bedrock/openai.gpt-5.6-sol': price('bedrock-mirror', 5.5, 33, 0.55, 6.875, 'mirror shows 6.88 for cache write; 6.875 = 1.1 × OpenAI list, like every other openai.* rate'),
  'bedrock/openai.gpt-5.6-terra': price('bedrock-mirror', 2.2, 13.2, 0.22, 2.75),
  'bedrock/openai.gpt-5.6-luna': price('bedrock-mirror', 0.22, 1.32, 0.022, 0.275),
  'bedrock/openai.gpt-oss-120b': price('bedrock-mirror', 0.15, 0.6),
  'bedrock/openai.gpt-oss-20b': price('bedrock-mirror', 0.07, 0.3),
  'bedrock/meta.llama4-maverick-17b-instruct': price('bedrock-mirror', 0.24, 0.97),
  'bedrock/meta.llama4-scout-17b-instruct': price('bedrock-mirror', 0.17, 0.66),
  'bedrock/meta.llama3-3-70b-instruct': price('bedrock-mirror', 0.72, 0.72),
  'bedrock/meta.llama3-1-70b-instruct': price('bedrock-mirror', 0.72, 0.72),
  'bedrock/meta.llama3-1-8b-instruct': price('bedrock-mirror', 0.22, 0.22),
  'bedrock/amazon.nova-pro': price('bedrock-mirror', 0.8, 3.2, 0.2),
  'bedrock/amazon.nova-lite': price('bedrock-mirror', 0.06, 0.24, 0.015),
  'bedrock/amazon.nova-micro': price('bedrock-mirror', 0.035, 0.14, 0.00875),
  'bedrock/amazon.nova-2-lite': price('bedrock-mirror', 0.33, 2.75, undefined, undefined, 'one mirror only (pi-ai data, 2026-08-20)'),
};

/** Keyed by the underlying model: an Azure deployment is priced through its profile's `model` (price-table.ts). */
const AZURE: Record<string, ShippedPrice> = {
  'azure/gpt-5.5': price('azure-global', 5, 30, 0.5),
  'azure/gpt-5.4': price('azure-global', 2.5, 15, 0.25),
  'azure/gpt-5.4-mini': price('azure-global', 0.75, 4.5, 0.075),
  'azure/gpt-5.4-nano': price('azure-global', 0.2, 1.25, 0.02),
  'azure/gpt-5.3-codex': price('azure-global', 1.75, 14, 0.175),
  'azure/gpt-5.2': price('azure-global', 1.75, 14, 0.175),
  'azure/gpt-5.1': price('azure-global', 1.25, 10, 0.125),
  'azure/gpt-5-codex': price('azure-global', 1.25, 10, 0.125),
  'azure/gpt-5': price('azure-global', 1.25, 10, 0.125),
  'azure/gpt-5-mini': price('azure-global', 0.25, 2, 0.025),
};

export const SHIPPED_PRICES: ShippedPriceTable = {
  asOf: '2026-11-23',
  label: 'Crosswind list prices of 2026-11-23 (OpenAI, Anthropic, AWS, Azure public rates)',
  sources: SOURCES,
  prices: { ...OPENAI, ...BEDROCK, ...AZURE },
};
