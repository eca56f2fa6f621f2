// The cost report: ledger entries → rows per UTC day × provider × profile × model (× thread on request),
// totals, and "on the other clouds": for each model family used, what the same requests would have cost
// on each other target of that family, next to what they actually cost.
//
// Alternatives are priced request by request (not on summed usage) so long-context rates, which depend
// on each request's prompt size, apply exactly as they would have been billed.
import type { Cost, CostAlternative, CostReport, CostRow, ProviderKind, ProviderProfile, Usage } from '../../protocol';
import { addUsage, sumCosts, sumUsage, ZERO_USAGE } from '../../shared/cost-math';
import { modelFamily } from './model-family';
import { priceKeys, type AzureDeployments, type PriceBook } from './price-table';
import type { TablePricer } from './table-pricer';
import type { LedgerEntry } from './types';

/** Where the same usage could have run: a configured profile, or a model the price table knows. */
export interface AlternativeTarget {
  provider: ProviderKind;
  /** As a request would name it: Bedrock model id, Azure deployment, OpenAI model. */
  model: string;
  profile?: string;
}

export interface CostReportInput {
  entries: readonly LedgerEntry[];
  pricer: TablePricer;
  /** Other places to price the same usage; see targetsFromProfiles / targetsFromPriceBook. */
  targets: readonly AlternativeTarget[];
  until: number;
  since?: number;
  threadId?: string;
  /** One row per thread as well as per day × provider × profile × model. */
  byThread?: boolean;
  /** Price entries with today's table instead of the cost recorded when they ran (e.g. after --pricing). */
  reprice?: boolean;
  /** Azure deployment → model, to find a deployment's family; default: the pricer's (from the profiles). */
  azureDeployments?: AzureDeployments;
}

/** UTC day of an epoch-ms time, YYYY-MM-DD. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Every configured profile as a target: Azure ones by deployment, priced through their model. */
export function targetsFromProfiles(profiles: readonly ProviderProfile[]): AlternativeTarget[] {
  return profiles.map((p) => ({ provider: p.provider, model: p.provider === 'azure' ? p.deployment : p.model, profile: p.name }));
}

/** Every model the price book knows, for reports made without profiles (the CLI). */
export function targetsFromPriceBook(book: PriceBook): AlternativeTarget[] {
  const targets: AlternativeTarget[] = [];
  for (const provider of ['bedrock', 'azure', 'openai'] as const) {
    for (const key of priceKeys(book, provider)) targets.push({ provider, model: key.slice(provider.length + 1) });
  }
  return targets;
}

function entryCost(input: CostReportInput, e: LedgerEntry): Cost {
  return input.reprice ? input.pricer.price(e.servedBy, e.usage) : e.cost;
}

function buildRows(input: CostReportInput, entries: readonly LedgerEntry[]): CostRow[] {
  const groups = new Map<string, { row: Omit<CostRow, 'cost'>; costs: Cost[] }>();
  for (const e of entries) {
    const day = utcDay(e.at);
    const threadId = input.byThread ? e.threadId : undefined;
    const key = JSON.stringify([day, threadId ?? '', e.servedBy.provider, e.servedBy.profile, e.servedBy.model]);
    let group = groups.get(key);
    if (!group) {
      group = {
        row: { day, threadId, provider: e.servedBy.provider, model: e.servedBy.model, profile: e.servedBy.profile, requests: 0, usage: ZERO_USAGE },
        costs: [],
      };
      groups.set(key, group);
    }
    group.row.requests += 1;
    group.row.usage = addUsage(group.row.usage, e.usage);
    group.costs.push(entryCost(input, e));
  }
  const rows = [...groups.values()].map((g) => ({ ...g.row, cost: sumCosts(g.costs) }));
  const order = (r: CostRow) => [r.day, r.threadId ?? '', r.provider, r.profile ?? '', r.model].join('\u0000');
  return rows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** What identifies a place for comparison: the price key that prices it, else provider/model. */
function identity(input: CostReportInput, provider: ProviderKind, model: string): string {
  return input.pricer.lookup({ provider, model })?.key ?? `${provider}/${model}`.toLowerCase();
}

function buildAlternatives(input: CostReportInput, entries: readonly LedgerEntry[]): CostAlternative[] {
  const azure = input.azureDeployments ?? input.pricer.azureDeployments;
  const byFamily = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    const family = modelFamily(e.servedBy.provider, e.servedBy.underlyingModel ?? e.servedBy.model, azure);
    if (!family) continue;
    const list = byFamily.get(family);
    if (list) list.push(e);
    else byFamily.set(family, [e]);
  }
  const alternatives: CostAlternative[] = [];
  for (const [family, used] of byFamily) {
    const actual = sumCosts(used.map((e) => entryCost(input, e)));
    const servedIds = new Set(used.map((e) => identity(input, e.servedBy.provider, e.servedBy.model)));
    const servedProfiles = new Set(used.map((e) => e.servedBy.profile));
    const seen = new Set<string>();
    for (const target of input.targets) {
      if (modelFamily(target.provider, target.model, azure) !== family) continue;
      const id = identity(input, target.provider, target.model);
      // "Other" places only: skip the one place that served all of this family's requests.
      const sameProfile = target.profile !== undefined && servedProfiles.size === 1 && servedProfiles.has(target.profile);
      if (sameProfile || (servedIds.size === 1 && servedIds.has(id))) continue;
      const dedupe = `${id}\u0000${target.profile ?? ''}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const cost = sumCosts(used.map((e) => input.pricer.price(target, e.usage)));
      alternatives.push({ family, provider: target.provider, model: target.model, profile: target.profile, cost, actual });
    }
  }
  const rank = (c: Cost) => (c.usd === null ? Number.POSITIVE_INFINITY : c.usd);
  return alternatives.sort((a, b) => (a.family === b.family ? rank(a.cost) - rank(b.cost) : a.family < b.family ? -1 : 1));
}

export function buildCostReport(input: CostReportInput): CostReport {
  const entries = input.entries.filter(
    (e) => (input.since === undefined || e.at >= input.since) && e.at <= input.until && (input.threadId === undefined || e.threadId === input.threadId),
  );
  const rows = buildRows(input, entries);
  const usage: Usage = sumUsage(rows.map((r) => r.usage));
  return {
    since: input.since,
    until: input.until,
    rows,
    total: sumCosts(rows.map((r) => r.cost)),
    usage,
    alternatives: buildAlternatives(input, entries),
    priceSources: input.pricer.sources(),
  };
}
