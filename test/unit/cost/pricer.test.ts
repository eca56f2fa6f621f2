import assert from 'node:assert/strict';
import type { ServedBy, Usage } from '../../../src/protocol';
import { pricerFromSettings, type LedgerEntry } from '../../../src/core/cost';
import { formatCost, sumCosts, usdDecimal } from '../../../src/shared';
// The OpenAI adapter's own normalisation: this test proves the seam between it and the pricer bills
// every token once (OpenAI counts cached tokens inside input_tokens).
import { usageFromResponses } from '../../../src/providers/openai-wire/responses-stream';

const bedrock: ServedBy = { profile: 'bedrock-us', provider: 'bedrock', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', location: 'us-east-1' };
const openai: ServedBy = { profile: 'openai', provider: 'openai', model: 'gpt-5.5-2026-04-23' };

function usage(u: Partial<Usage>): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...u };
}

function openaiUsage(input: number, cached: number, output: number, reasoning: number, cacheWrite = 0): Usage {
  return usageFromResponses({
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached, cache_write_tokens: cacheWrite },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output,
  })!;
}

describe('pricing a thread', () => {
  const pricer = pricerFromSettings({});

  it('costs a scripted thread that moves from Bedrock to OpenAI exactly the hand-computed amount', () => {
    // Bedrock, us. route to Claude Sonnet 4.5 = regional rates: input $3.30, output $16.50,
    // cache read $0.33, cache write $4.125 per million tokens (1 token × $X/M = X µ$).
    //  1: 2,000 in + 18,000 cache write + 1,200 out
    //     = 2,000×3.30 + 18,000×4.125 + 1,200×16.50 = 6,600 + 74,250 + 19,800        = 100,650.0 µ$
    //  2: 1,500 in + 18,000 cache read + 2,500 cache write + 900 out
    //     = 4,950 + 5,940 + 10,312.5 + 14,850                                         =  36,052.5 µ$
    //  3: 800 in + 20,500 cache read + 2,400 out (1,000 of them reasoning: billed once, as output)
    //     = 2,640 + 6,765 + 39,600                                                    =  49,005.0 µ$
    // OpenAI gpt-5.5 (snapshot id): input $5, cached input $0.50, output $30; OpenAI's input_tokens
    // include the cached ones, so only input − cached is billed at $5.
    //  4: input_tokens 30,000 of which 24,000 cached, 3,000 out (1,800 reasoning)
    //     = 6,000×5 + 24,000×0.5 + 3,000×30 = 30,000 + 12,000 + 90,000               = 132,000.0 µ$
    //  5: input_tokens 40,000 of which 36,000 cached, 1,000 out
    //     = 4,000×5 + 36,000×0.5 + 1,000×30 = 20,000 + 18,000 + 30,000               =  68,000.0 µ$
    // Thread: 185,707.5 + 200,000 = 385,707.5 µ$ = $0.3857075 → $0.39 to the cent.
    const requests: Array<[ServedBy, Usage]> = [
      [bedrock, usage({ inputTokens: 2_000, cacheWriteTokens: 18_000, outputTokens: 1_200 })],
      [bedrock, usage({ inputTokens: 1_500, cacheReadTokens: 18_000, cacheWriteTokens: 2_500, outputTokens: 900 })],
      [bedrock, usage({ inputTokens: 800, cacheReadTokens: 20_500, outputTokens: 2_400, reasoningTokens: 1_000 })],
      [openai, openaiUsage(30_000, 24_000, 3_000, 1_800)],
      [openai, openaiUsage(40_000, 36_000, 1_000, 0)],
    ];
    const entries: LedgerEntry[] = requests.map(([servedBy, u], i) => ({ at: 1_763_900_000_000 + i, threadId: 'thr_1', turnId: `turn_${i < 3 ? 1 : 2}`, servedBy, usage: u, cost: pricer.price(servedBy, u) }));
    assert.deepEqual(
      entries.map((e) => usdDecimal(e.cost.usd!, 7)),
      ['0.1006500', '0.0360525', '0.0490050', '0.1320000', '0.0680000'],
    );
    const thread = sumCosts(entries.map((e) => e.cost));
    assert.equal(usdDecimal(thread.usd!, 7), '0.3857075');
    assert.equal(usdDecimal(thread.usd!, 2), '0.39');
    assert.equal(formatCost(thread), '$0.3857');
    // Totals survive the switch of provider mid-thread: per turn, too.
    assert.equal(usdDecimal(sumCosts(entries.filter((e) => e.turnId === 'turn_1').map((e) => e.cost)).usd!, 7), '0.1857075');
  });

  it('shows an unknown price as unknown, never as zero, and keeps the known part', () => {
    const unknownModel: ServedBy = { profile: 'bedrock-x', provider: 'bedrock', model: 'us.acme.frontier-9-v1:0' };
    const unknown = pricer.price(unknownModel, usage({ inputTokens: 1_000, outputTokens: 100 }));
    assert.equal(unknown.usd, null);
    assert.deepEqual(unknown.unpricedModels, ['bedrock/us.acme.frontier-9-v1:0']);
    assert.equal(formatCost(unknown), 'unknown');
    const known = pricer.price(openai, usage({ inputTokens: 10_000 })); // 10,000 × $5/M = $0.05
    const total = sumCosts([known, unknown]);
    assert.equal(total.usd, null);
    assert.equal(total.partialUsd, 0.05);
    assert.equal(formatCost(total), '≥ $0.05 (some prices unknown)');
    // Nothing billed costs nothing, priced or not (a request that failed before any token).
    assert.equal(pricer.price(unknownModel, usage({})).usd, 0);
  });

  it('bills long prompts at the long-context rate and cache tokens without a rate as ordinary input', () => {
    // gpt-5.5 above 272K prompt tokens: input $10, cached $1, output $45.
    // 200,000 in + 100,000 cached (prompt 300,000 > 272,000) + 1,000 out = 2,000,000 + 100,000 + 45,000 µ$
    assert.equal(pricer.price(openai, usage({ inputTokens: 200_000, cacheReadTokens: 100_000, outputTokens: 1_000 })).usd, 2.145);
    // Exactly at the threshold: standard rates. 172,000×5 + 100,000×0.5 = 860,000 + 50,000 µ$
    assert.equal(pricer.price(openai, usage({ inputTokens: 172_000, cacheReadTokens: 100_000 })).usd, 0.91);
    // gpt-5.5-pro has no cached rate: cached tokens are ordinary input at $30/M.
    assert.equal(pricer.price({ provider: 'openai', model: 'gpt-5.5-pro' }, usage({ cacheReadTokens: 1_000 })).usd, 0.03);
  });

  it('bills OpenAI cache writes once, at the write rate, on models that report them', () => {
    // gpt-6-sol: input $2, cached $0.20, cache write $2.50, output $10. input_tokens 10,000 include
    // 4,000 cached and 5,000 written: 1,000×2 + 4,000×0.2 + 5,000×2.5 + 100×10 = 2,000 + 800 + 12,500 + 1,000 µ$
    const u = openaiUsage(10_000, 4_000, 100, 0, 5_000);
    assert.deepEqual([u.inputTokens, u.cacheReadTokens, u.cacheWriteTokens], [1_000, 4_000, 5_000]);
    assert.equal(usdDecimal(pricer.price({ provider: 'openai', model: 'gpt-6-sol' }, u).usd!, 7), '0.0163000');
  });
});
