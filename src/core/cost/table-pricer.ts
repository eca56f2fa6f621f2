// Usage × price table → Cost. This file is the one place that says which token is billed at which rate.
//
// Usage reaches the pricer normalised by the provider adapters, so that no token is billed twice:
// - inputTokens: prompt tokens billed at the full input rate, cache reads and writes EXCLUDED. Bedrock
//   Converse reports inputTokens that way already (cacheReadInputTokens / cacheWriteInputTokens are
//   separate). OpenAI (Responses and Chat, hence Azure and Bedrock's OpenAI models) reports
//   input_tokens INCLUDING cached_tokens (and cache_write_tokens on models that report writes); the
//   adapter subtracts them (providers/openai-wire usageFromResponses).
// - cacheReadTokens, cacheWriteTokens: at their own rates. A price with no such rate bills them as
//   ordinary input — that provider has no separate rate, so to it they are ordinary input.
// - outputTokens INCLUDE reasoning tokens (OpenAI output_tokens contains reasoning_tokens; Bedrock's
//   outputTokens contains Claude's thinking). reasoningTokens is a breakdown, never billed again.
// - Long-context rates (where the table has them) apply to the whole request once its prompt
//   (input + cache read + cache write) is above the threshold, as OpenAI bills them.
import type { Cost, PriceTable, ProviderKind, ProviderProfile, ServedBy, Usage } from '../../protocol';
import { costFromPico, picoPerToken } from '../../shared/cost-math';
import {
  lookupPrice,
  mergePrices,
  priceLayer,
  shippedLayer,
  describePriceSources,
  type AzureDeployments,
  type PriceBook,
  type PriceEntry,
  type PriceLayer,
  type PriceMatch,
} from './price-table';
import { SHIPPED_PRICES } from './prices-2026-11';
import type { Pricer } from './types';

/** The rates that apply to this request: the long-context ones above the entry's threshold. */
function ratesFor(price: PriceEntry, usage: Usage): PriceEntry {
  const lc = price.longContext;
  if (!lc) return price;
  const prompt = usage.inputTokens + (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
  return prompt > lc.aboveInputTokens ? lc : price;
}

/** Exact cost of one request's usage at a price, in picodollars. */
export function costInPico(price: PriceEntry, usage: Usage): bigint {
  const rates = ratesFor(price, usage);
  const input = picoPerToken(rates.input);
  return (
    BigInt(usage.inputTokens) * input +
    BigInt(usage.outputTokens) * picoPerToken(rates.output) +
    BigInt(usage.cacheReadTokens ?? 0) * (rates.cacheRead === undefined ? input : picoPerToken(rates.cacheRead)) +
    BigInt(usage.cacheWriteTokens ?? 0) * (rates.cacheWrite === undefined ? input : picoPerToken(rates.cacheWrite))
  );
}

function isZero(usage: Usage): boolean {
  return usage.inputTokens + usage.outputTokens + (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0) === 0;
}

export class TablePricer implements Pricer {
  constructor(
    readonly book: PriceBook,
    /** Azure deployment → model, from the profiles; the cost report also finds families through it. */
    readonly azureDeployments: AzureDeployments = {},
  ) {}

  /**
   * The price of what was invoked; for an opaque id (a Bedrock application inference-profile ARN) that
   * has none of its own, the price of the model behind it.
   */
  lookup(servedBy: { provider: ProviderKind; model: string; underlyingModel?: string }): PriceMatch | undefined {
    return (
      lookupPrice(this.book, servedBy.provider, servedBy.model, this.azureDeployments) ??
      (servedBy.underlyingModel ? lookupPrice(this.book, servedBy.provider, servedBy.underlyingModel, this.azureDeployments) : undefined)
    );
  }

  price(servedBy: Pick<ServedBy, 'provider' | 'model' | 'underlyingModel'>, usage: Usage): Cost {
    const match = this.lookup(servedBy);
    if (match) return costFromPico(costInPico(match.price, usage));
    // Nothing billed is $0 whatever the price; anything else without a price is unknown, never 0.
    if (isZero(usage)) return costFromPico(0n);
    return costFromPico(0n, [`${servedBy.provider}/${servedBy.model}`]);
  }

  /** For CostReport.priceSources: "shipped table 2026-11-23", "settings (crosswind.pricing)"… */
  sources(): string[] {
    return describePriceSources(this.book);
  }
}

/** Azure deployment name → the model its profile says it runs, for pricing by model. */
export function azureDeploymentsOf(profiles: readonly ProviderProfile[]): AzureDeployments {
  const map: Record<string, string> = {};
  for (const p of profiles) if (p.provider === 'azure') map[p.deployment] = p.model;
  return map;
}

/**
 * The pricer the engine uses: the shipped table, then `crosswind.pricing` from the settings, then any
 * extra layers (e.g. `crosswind exec --pricing FILE`, loaded by src/host/pricing-file.ts), later winning.
 */
export function pricerFromSettings(settings: { pricing?: PriceTable; profiles?: readonly ProviderProfile[] }, ...extra: PriceLayer[]): TablePricer {
  const book = mergePrices(shippedLayer(SHIPPED_PRICES), priceLayer('settings (crosswind.pricing)', settings.pricing ?? {}), ...extra);
  return new TablePricer(book, azureDeploymentsOf(settings.profiles ?? []));
}
