// The cost report: what was spent, by whom, and what the same usage would have cost elsewhere.
import * as z from 'zod';
import { Cost, EpochMs, ProviderKind, Usage } from './common';

export const CostRow = z.object({
  /** UTC day, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  threadId: z.string().optional(),
  provider: ProviderKind,
  model: z.string(),
  profile: z.string().optional(),
  requests: z.number().int().nonnegative(),
  usage: Usage,
  cost: Cost,
});
export type CostRow = z.infer<typeof CostRow>;

/** For the same usage, what each other configured provider/model of the same family would have charged. */
export const CostAlternative = z.object({
  family: z.string(),
  provider: ProviderKind,
  model: z.string(),
  profile: z.string().optional(),
  cost: Cost,
  /** The cost actually incurred for that family, to compare against. */
  actual: Cost,
});
export type CostAlternative = z.infer<typeof CostAlternative>;

export const CostReport = z.object({
  since: EpochMs.optional(),
  until: EpochMs,
  rows: z.array(CostRow),
  total: Cost,
  usage: Usage,
  alternatives: z.array(CostAlternative),
  /** Where the prices came from: the shipped table's date and source, plus overrides. */
  priceSources: z.array(z.string()),
});
export type CostReport = z.infer<typeof CostReport>;
