// The cost report page in Chromium at the width of half an editor: the cost is the first number of every
// table and is never cut off (a screenshot is saved in test-results/webview/ for a person to look at).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { renderCostReportHtml } from '../../../src/extension/cost/cost-report-html';
import type { CostReport } from '../../../src/protocol';

const SHOTS = path.resolve(__dirname, '../../../test-results/webview');
/** Half of a 1280-pixel window once the activity bar and a default sidebar are taken. */
const HALF_EDITOR = 480;

const usage = { inputTokens: 1_234_567, outputTokens: 45_678, cacheReadTokens: 2_345_678, cacheWriteTokens: 123_456, reasoningTokens: 0 };
const known = (usd: number) => ({ usd, partialUsd: usd, unpricedModels: [] });
const REPORT: CostReport = {
  since: Date.UTC(2026, 10, 17),
  until: Date.UTC(2026, 10, 23, 12),
  rows: [
    { day: '2026-11-23', provider: 'bedrock', profile: 'bedrock-us-east-1', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', requests: 31, usage, cost: known(12.3456) },
    { day: '2026-11-23', provider: 'azure', profile: 'azure-contoso-prod', model: 'gpt-5-5-prod', requests: 12, usage, cost: known(4.5678) },
  ],
  total: known(16.9134),
  usage,
  alternatives: [
    { family: 'claude-sonnet-4.5', provider: 'bedrock', profile: 'bedrock-eu-central-1', model: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', cost: known(13.1), actual: known(12.3456) },
  ],
  priceSources: ['built-in table of 2026-11-01'],
};

describe('webview: cost report at half an editor’s width', () => {
  let context: BrowserContext | undefined;
  let dir: string | undefined;
  before(async function () {
    this.timeout(60_000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-cost-report-'));
    context = await chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      viewport: { width: HALF_EDITOR, height: 900 },
    });
  });
  after(async () => {
    await context?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('puts the cost first in every table and shows it whole; wide tables scroll inside their box, not the page', async () => {
    const page = await context!.newPage();
    await page.setContent(renderCostReportHtml({ report: REPORT, period: '7d', nonce: 'n0nce' }));
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'cost-report-half-editor.png'), fullPage: true });

    const layout = await page.evaluate(() => {
      const tables = Array.from(document.querySelectorAll('table')).map((t) => {
        const headers = Array.from(t.querySelectorAll('thead th')).map((th) => th.textContent ?? '');
        const costs = Array.from(t.querySelectorAll<HTMLElement>('td.cost')).map((td) => {
          const r = td.getBoundingClientRect();
          return { text: td.textContent ?? '', right: r.right, clipped: td.scrollWidth > td.clientWidth };
        });
        return { id: t.dataset.testid, headers, costs };
      });
      return { tables, pageWidth: document.documentElement.clientWidth, pageScrollWidth: document.documentElement.scrollWidth };
    });
    assert.ok(layout.pageScrollWidth <= layout.pageWidth, `the page itself scrolls sideways: ${layout.pageScrollWidth} > ${layout.pageWidth}`);
    assert.deepEqual(
      layout.tables.map((t) => [t.id, t.headers.find((h) => /cost/i.test(h))]),
      [
        ['by-model', 'Cost'],
        ['by-day', 'Cost'],
        ['alternatives', 'Would have cost'],
      ],
    );
    for (const t of layout.tables) {
      const costAt = t.headers.findIndex((h) => /cost/i.test(h));
      assert.ok(costAt <= 1, `${t.id}: the cost is column ${costAt + 1}: ${t.headers.join(' | ')}`);
      assert.ok(t.costs.length > 0, `${t.id} has cost cells`);
      for (const c of t.costs) {
        assert.ok(c.right <= layout.pageWidth, `${t.id}: ${c.text} ends at ${c.right}px, past the ${layout.pageWidth}px page`);
        assert.equal(c.clipped, false, `${t.id}: ${c.text} is cut off`);
      }
    }
    assert.deepEqual(layout.tables[0]!.costs.map((c) => c.text), ['$4.57', '$12.35']);
    await page.close();
  });
});
