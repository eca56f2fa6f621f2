// The sidebar at VS Code's default width: the header names the cloud and the model whole, the model is named
// once (in the header), an answer names its model only when it changes (a failover), and there is one way
// to start a conversation and one way to the provider picker. Screenshot in test-results/webview/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { eventually } from '../../support/webview-harness';
import { agentMessage, cost, itemEvent, status, thread, turn, turnCompleted, turnStarted, usage, userMessage } from '../../unit/media/fixtures';
import { postAll } from './scenes';
import { useWebview } from './setup';

const SHOTS = path.resolve(__dirname, '../../../test-results/webview');
/** The webview's width in VS Code's default sidebar (code-server, 1400-pixel window). */
const DEFAULT_SIDEBAR = 280;

const BEDROCK = { profile: 'bedrock-us', provider: 'bedrock' as const, model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', location: 'us-east-1' };
const AZURE = { profile: 'azure-eu', provider: 'azure' as const, model: 'gpt-5.5', location: 'contoso.openai.azure.com' };

describe('webview: the header and attributions at the default sidebar width', () => {
  const w = useWebview();

  it('shows the cloud and the whole model name, one New conversation, and costs without clipping', async () => {
    const { page } = w.view;
    await page.setViewportSize({ width: DEFAULT_SIDEBAR, height: 760 });
    const t = turn({ status: 'completed', usage: usage(15_400, 1_200), cost: cost(0.0312) });
    await postAll(w.view, [
      { type: 'status', status: status({ model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', sessionCost: cost(0.0312) }) },
      { type: 'thread', thread: thread({ turns: [t], items: [userMessage('u1', 'Explain stats.js'), agentMessage('a1', 'It computes sums and means.', { status: 'completed', servedBy: BEDROCK })] }) },
    ]);
    const text = page.locator('.provider-text');
    await eventually(async () => assert.equal(await text.textContent(), 'Bedrock · claude-sonnet-4-5'));
    const fits = await text.evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.ok(fits, 'the provider and model are not cut off');
    const usageBar = page.locator('.usage-bar');
    assert.equal(await usageBar.evaluate((el) => el.scrollWidth <= el.clientWidth), true, 'the usage line is not cut off');
    assert.equal(await page.locator('.usage-turn .usage-cost').isVisible(), true);
    assert.equal(await page.locator('.policy-badge').isVisible(), true);
    assert.equal(await page.getByRole('button', { name: 'New conversation' }).count(), 1);
    // The answer came from the model the header names: no attribution line under it.
    assert.equal(await page.locator('.agent-message .served-by').count(), 0);
    await page.screenshot({ path: path.join(SHOTS, 'header-default-width.png') });
  });

  it('names the model under an answer only when it changes, in the header’s words', async () => {
    const { page } = w.view;
    await page.setViewportSize({ width: DEFAULT_SIDEBAR, height: 760 });
    await postAll(w.view, [
      { type: 'status', status: status({ model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }) },
      { type: 'thread', thread: thread() },
      turnStarted(),
    ]);
    await w.view.post(itemEvent('item/completed', userMessage('u1', 'Fix the parser')));
    await w.view.post(itemEvent('item/completed', agentMessage('a1', 'Reading the lexer.', { status: 'completed', servedBy: BEDROCK })));
    await w.view.post(itemEvent('item/completed', agentMessage('a2', 'Now on Azure: the fix.', { status: 'completed', servedBy: AZURE })));
    await w.view.post(itemEvent('item/completed', agentMessage('a3', 'And the test.', { status: 'completed', servedBy: AZURE })));
    await w.view.post(turnCompleted(turn({ status: 'completed' })));
    await page.locator('.agent-message').nth(2).waitFor();
    const attributions = await page.locator('.agent-message').evaluateAll((els) => els.map((el) => el.querySelector('.served-by')?.textContent?.trim() ?? null));
    assert.deepEqual(attributions, [null, 'Azure · gpt-5.5', null]);
    const line = page.locator('.served-by');
    assert.equal(await line.evaluate((el) => el.getClientRects().length), 1, 'the attribution is one line');
  });
});
