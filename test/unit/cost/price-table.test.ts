import assert from 'node:assert/strict';
import { ModelPrice, PriceTable, ProviderProfile } from '../../../src/protocol';
import {
  lookupPrice,
  mergePrices,
  priceLayer,
  shippedLayer,
  SHIPPED_PRICES,
  pricerFromSettings,
  type PriceBook,
} from '../../../src/core/cost';

const shipped: PriceBook = mergePrices(shippedLayer(SHIPPED_PRICES));

function key(provider: 'bedrock' | 'azure' | 'openai', model: string, book = shipped): string | undefined {
  return lookupPrice(book, provider, model)?.key;
}

describe('price table', () => {
  it('ships dated, sourced data that the settings schema accepts', () => {
    assert.match(SHIPPED_PRICES.asOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(PriceTable.safeParse(SHIPPED_PRICES.prices).success, true);
    for (const [k, p] of Object.entries(SHIPPED_PRICES.prices)) {
      assert.ok(SHIPPED_PRICES.sources[p.source], `${k} names an unknown source '${p.source}'`);
      assert.match(p.checked, /^\d{4}-\d{2}-\d{2}$/, `${k} says when it was checked`);
      assert.equal(ModelPrice.safeParse(p).success, true, k);
      if (p.longContext) assert.ok(p.longContext.input >= p.input && p.longContext.output >= p.output, `${k}: long context is not cheaper`);
    }
  });

  it('bills every GPT-5.6 tier at its long-context rates only above 272K prompt tokens', () => {
    const pricer = pricerFromSettings({});
    for (const model of ['gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna']) {
      const entry = SHIPPED_PRICES.prices[`openai/${model}`]!;
      assert.equal(entry.longContext?.aboveInputTokens, 272_000, model);
      const usage = { inputTokens: 250_000, outputTokens: 1_000, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
      const usd = pricer.price({ provider: 'openai', model }, usage).usd!;
      assert.ok(Math.abs(usd - (250_000 * entry.input + 1_000 * entry.output) / 1e6) < 1e-9, `${model}: 250K tokens is below the threshold`);
    }
  });

  it('prices an application inference profile as the model behind it, when the ARN has no price of its own', () => {
    const pricer = pricerFromSettings({});
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123team';
    const usage = { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    assert.equal(pricer.price({ provider: 'bedrock', model: arn }, usage).usd, null);
    assert.equal(pricer.price({ provider: 'bedrock', model: arn, underlyingModel: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }, usage).usd, 3.3);
  });

  it('prices Claude 4.5+ on Bedrock at list through global. and 10% more through every other route', () => {
    const pairs = Object.keys(SHIPPED_PRICES.prices).filter((k) => k.startsWith('bedrock/global.'));
    assert.ok(pairs.length >= 10);
    for (const globalKey of pairs) {
      const g = SHIPPED_PRICES.prices[globalKey]!;
      const r = SHIPPED_PRICES.prices[globalKey.replace('global.', '')]!;
      for (const field of ['input', 'output', 'cacheRead', 'cacheWrite'] as const) {
        // Compare in micro-dollars so 1.1 × 0.3 = 0.33 exactly.
        assert.equal(Math.round(r[field]! * 1e6), Math.round(g[field]! * 1.1e6), `${globalKey} ${field}`);
      }
    }
  });

  it('normalises Bedrock inference-profile prefixes, ARNs and version suffixes', () => {
    assert.equal(key('bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'bedrock/anthropic.claude-sonnet-4-5');
    assert.equal(key('bedrock', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'bedrock/anthropic.claude-sonnet-4-5');
    assert.equal(key('bedrock', 'apac.anthropic.claude-sonnet-4-20250514-v1:0'), 'bedrock/anthropic.claude-sonnet-4');
    assert.equal(key('bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'bedrock/global.anthropic.claude-sonnet-4-5');
    assert.equal(key('bedrock', 'anthropic.claude-opus-4-6-v1'), 'bedrock/anthropic.claude-opus-4-6');
    assert.equal(key('bedrock', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-3-70b-instruct-v1:0'), 'bedrock/meta.llama3-3-70b-instruct');
    assert.equal(key('bedrock', 'amazon.nova-pro-v1:0'), 'bedrock/amazon.nova-pro');
    assert.equal(key('bedrock', 'openai.gpt-oss-120b-1:0'), 'bedrock/openai.gpt-oss-120b');
    assert.equal(key('bedrock', 'openai.gpt-5.5'), 'bedrock/openai.gpt-5.5');
    const regional = lookupPrice(shipped, 'bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')!.price;
    const global = lookupPrice(shipped, 'bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0')!.price;
    assert.deepEqual([regional.input, regional.output, global.input, global.output], [3.3, 16.5, 3, 15]);
  });

  it('never lets a shorter id price a different model', () => {
    assert.equal(key('openai', 'gpt-5.5-2026-04-23'), 'openai/gpt-5.5');
    assert.equal(key('openai', 'gpt-5-mini'), 'openai/gpt-5-mini');
    assert.equal(key('openai', 'gpt-5.5-pro'), 'openai/gpt-5.5-pro');
    // Neither is in the table: unknown, not gpt-5's or gpt-5.5's price.
    assert.equal(key('openai', 'gpt-5-nano'), undefined);
    assert.equal(key('openai', 'gpt-5.5-ultra'), undefined);
    assert.equal(key('bedrock', 'anthropic.claude-opus-4-9-20270101-v1:0'), undefined);
    assert.equal(key('bedrock', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'), undefined);
  });

  it('lets an override beat the shipped table on every route, and a route-specific override beat that', () => {
    const book = mergePrices(
      shippedLayer(SHIPPED_PRICES),
      priceLayer('settings', {
        'bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0': { input: 2.4, output: 12, cacheRead: 0.24, cacheWrite: 3 },
        'bedrock/eu.anthropic.claude-sonnet-4-5': { input: 2.64, output: 13.2 },
        'openai/my-gateway-model': { input: 1, output: 2 },
      }),
    );
    assert.equal(lookupPrice(book, 'bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0')!.price.input, 2.4);
    assert.equal(lookupPrice(book, 'bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')!.price.input, 2.4);
    assert.equal(lookupPrice(book, 'bedrock', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0')!.price.input, 2.64);
    assert.equal(lookupPrice(book, 'bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')!.layer, 'settings');
    assert.equal(lookupPrice(book, 'openai', 'my-gateway-model')!.price.output, 2);
    assert.equal(lookupPrice(book, 'openai', 'gpt-5.5')!.layer, `shipped table ${SHIPPED_PRICES.asOf}`);
  });

  it('prices an Azure deployment as the model its profile names, unless the deployment itself is overridden', () => {
    const azure = (name: string, deployment: string) =>
      ProviderProfile.parse({ name, provider: 'azure', model: 'gpt-5.5', endpoint: 'https://contoso.openai.azure.com', deployment, auth: { type: 'entra' } });
    const profiles = [azure('azure-prod', 'prod-chat'), azure('azure-dz', 'dz-chat')];
    const pricer = pricerFromSettings({ profiles, pricing: { 'azure/dz-chat': { input: 5.5, output: 33, cacheRead: 0.55 } } });
    assert.equal(pricer.lookup({ provider: 'azure', model: 'prod-chat' })!.key, 'azure/gpt-5.5');
    assert.equal(pricer.lookup({ provider: 'azure', model: 'dz-chat' })!.key, 'azure/dz-chat');
    // A deployment no profile describes is priced by its own name, when that is a model's.
    assert.equal(pricer.lookup({ provider: 'azure', model: 'gpt-5.4' })!.key, 'azure/gpt-5.4');
    assert.equal(pricer.lookup({ provider: 'azure', model: 'team-x-deployment' }), undefined);
  });
});
