// Price lookup: which price applies to a provider and model id, from the shipped table and the user's
// overrides (settings `crosswind.pricing`, `crosswind exec --pricing FILE`).
//
// Matching rules, in this order:
// 1. Layers from the most specific to the shipped table: an override always beats the shipped table,
//    even when the shipped key is longer (a negotiated rate for `bedrock/anthropic.claude-sonnet-4-5`
//    applies to the `global.` route too).
// 2. Within a layer, candidate ids in order:
//    - Bedrock: the id as served (inside its ARN, if any), then without its inference-profile prefix
//      ("us.", "eu.", "apac.", "global."…). So `global.…` can carry its own (cheaper) price, and every
//      other route falls back to the unprefixed key.
//    - Azure: the deployment name, exactly (overrides are keyed by deployment); then the model the
//      profile says the deployment runs (AzureProfile.model). The shipped table only knows models, so
//      a deployment is priced as its model unless an override names the deployment itself.
//    - OpenAI: the model id.
// 3. A key matches an id exactly, or as the longest key the id extends with version tokens only
//    (dates, "-v1:0"; model-id.ts). "gpt-5" never prices "gpt-5.5" or "gpt-5-mini".
// Keys compare case-insensitively. No match: the price is unknown (shown as unknown, never as zero).
import type { ModelPrice, PriceTable, ProviderKind } from '../../protocol';
import { bedrockResourceId, matchesWithVersionSuffix, stripGeoPrefix } from './model-id';

/** Rates that replace the flat ones for a whole request whose prompt exceeds `aboveInputTokens`. */
export interface LongContextPrice extends ModelPrice {
  aboveInputTokens: number;
}

export interface PriceEntry extends ModelPrice {
  longContext?: LongContextPrice;
}

export interface ShippedPrice extends PriceEntry {
  /** Key into ShippedPriceTable.sources. */
  source: string;
  /** When this row's figures were last checked against its source (YYYY-MM-DD). */
  checked: string;
  /** How a figure was derived, when it was not read from the source as is. */
  note?: string;
}

export interface ShippedPriceTable {
  /** When the table was compiled (YYYY-MM-DD). */
  asOf: string;
  label: string;
  sources: Record<string, { title: string; url: string; seen: string; checked: string }>;
  prices: Record<string, ShippedPrice>;
}

export interface PriceLayer {
  /** Shown in the cost report's price sources: "shipped table 2026-11-23", "settings", "--pricing rates.json". */
  name: string;
  prices: Readonly<Record<string, PriceEntry>>;
}

/** Layers, lowest precedence first. Build with mergePrices. */
export interface PriceBook {
  readonly layers: readonly PriceLayer[];
}

export interface PriceMatch {
  /** The table key that matched, e.g. `bedrock/anthropic.claude-sonnet-4-5`. */
  key: string;
  price: PriceEntry;
  layer: string;
}

/** How to reach an Azure deployment's underlying model (deployment name → AzureProfile.model). */
export type AzureDeployments = Readonly<Record<string, string>>;

export function shippedLayer(table: ShippedPriceTable): PriceLayer {
  return { name: `shipped table ${table.asOf}`, prices: table.prices };
}

export function priceLayer(name: string, prices: PriceTable): PriceLayer {
  return { name, prices };
}

/** The shipped table with overrides on top; later overrides win over earlier ones. */
export function mergePrices(shipped: PriceLayer, ...overrides: PriceLayer[]): PriceBook {
  return { layers: [shipped, ...overrides.filter((o) => Object.keys(o.prices).length > 0)] };
}

interface Candidate {
  id: string;
  exactOnly: boolean;
}

function candidates(provider: ProviderKind, model: string, azure: AzureDeployments): Candidate[] {
  if (provider === 'bedrock') {
    const served = bedrockResourceId(model);
    const base = stripGeoPrefix(served);
    return base === served ? [{ id: served, exactOnly: false }] : [{ id: served, exactOnly: false }, { id: base, exactOnly: false }];
  }
  if (provider === 'azure') {
    const underlying = azure[model] ?? azure[model.toLowerCase()];
    if (underlying && underlying.toLowerCase() !== model.toLowerCase()) {
      return [{ id: model, exactOnly: true }, { id: underlying, exactOnly: false }];
    }
  }
  return [{ id: model, exactOnly: false }];
}

function findInLayer(layer: PriceLayer, provider: ProviderKind, candidate: Candidate): PriceMatch | undefined {
  const prefix = `${provider}/`;
  const wanted = (prefix + candidate.id).toLowerCase();
  let best: { key: string; length: number } | undefined;
  for (const key of Object.keys(layer.prices)) {
    const lower = key.toLowerCase();
    if (!lower.startsWith(prefix)) continue;
    if (lower === wanted) return { key, price: layer.prices[key]!, layer: layer.name };
    if (candidate.exactOnly) continue;
    if (matchesWithVersionSuffix(candidate.id, key.slice(prefix.length)) && (!best || key.length > best.length)) {
      best = { key, length: key.length };
    }
  }
  return best ? { key: best.key, price: layer.prices[best.key]!, layer: layer.name } : undefined;
}

/** The price for a model as served, or undefined when no layer knows it. */
export function lookupPrice(book: PriceBook, provider: ProviderKind, model: string, azure: AzureDeployments = {}): PriceMatch | undefined {
  const ids = candidates(provider, model.trim(), azure);
  for (let i = book.layers.length - 1; i >= 0; i--) {
    for (const candidate of ids) {
      const match = findInLayer(book.layers[i]!, provider, candidate);
      if (match) return match;
    }
  }
  return undefined;
}

/** Every table key of a provider, across layers (for the alternatives of the cost report). */
export function priceKeys(book: PriceBook, provider: ProviderKind): string[] {
  const keys = new Set<string>();
  for (const layer of book.layers) for (const key of Object.keys(layer.prices)) if (key.startsWith(`${provider}/`)) keys.add(key);
  return [...keys];
}

/** "shipped table 2026-11-23", then each override layer's name, for CostReport.priceSources. */
export function describePriceSources(book: PriceBook): string[] {
  return book.layers.map((l) => l.name);
}
