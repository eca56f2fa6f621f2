// Tool, command, plan, notice and error cards, and the header (provider, policy, costs, Restricted Mode).
import assert from 'node:assert/strict';
import { eventually } from '../../support/webview-harness';
import { command, cost, itemEvent, planUpdated, status, thread, toolCall, turn, turnCompleted, turnStarted } from '../../unit/media/fixtures';
import { postAll, richThread } from './scenes';
import { useWebview } from './setup';

describe('webview: cards and header', () => {
  const w = useWebview();

  it('shows a shell command with its exit code and duration, its output collapsed until opened', async () => {
    const { page } = w.view;
    await postAll(w.view, richThread());
    const card = page.locator('.command-card');
    await card.waitFor();
    assert.equal(await card.locator('.command-text').textContent(), 'npm test');
    assert.match((await card.locator('.card-meta').textContent()) ?? '', /Failed, exit code 1.*4\.2 s/);
    const output = card.locator('.command-output');
    assert.equal(await output.isVisible(), false, 'output collapsed');
    await card.getByText('Output (2 lines)').click();
    await output.waitFor();
    assert.match((await output.textContent()) ?? '', /expected 3 tokens, got 2/);
  });

  it('asks for approval on the command card and posts the decision with the request id', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }, turnStarted()]);
    await w.view.post(itemEvent('item/started', command('c1', { command: ['bash', '-lc', 'rm -rf build && make'], status: 'awaitingApproval', exitCode: null })));
    const card = page.locator('.command-card');
    await card.waitFor();
    assert.equal(await card.locator('.command-text').textContent(), 'rm -rf build && make');
    assert.equal(await card.getByRole('button', { name: 'Approve' }).count(), 0, 'no buttons before the host asks');

    await w.view.post({ type: 'approvalPending', requestId: 'req-7', itemId: 'c1' });
    await card.getByRole('button', { name: 'Approve for session' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'answerApproval'), { method: 'answerApproval', params: { requestId: 'req-7', decision: 'acceptForSession' } });
    assert.equal(await card.getByRole('button', { name: 'Decline' }).isVisible(), true);
    assert.equal(await page.getByRole('status').textContent(), 'Waiting for your approval');

    await w.view.post({ type: 'approvalSettled', requestId: 'req-7' });
    await w.view.post(itemEvent('item/updated', command('c1', { command: ['bash', '-lc', 'rm -rf build && make'], status: 'inProgress', exitCode: null, approval: { decision: 'acceptForSession', by: 'user' } })));
    await card.getByRole('button', { name: 'Decline' }).waitFor({ state: 'detached' });
    await eventually(async () => assert.match((await page.locator('.command-card .card-meta').textContent()) ?? '', /Running.*approved for this session by you/));
  });

  it('shows read tools as compact cards, with the error when one failed', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'thread', thread: thread() }]);
    await w.view.post(itemEvent('item/completed', toolCall('t1')));
    await w.view.post(
      itemEvent('item/completed', toolCall('t2', { tool: 'list_dir', arguments: { dir_path: 'nope/' }, status: 'failed', summary: undefined, error: { kind: 'invalidRequest', message: 'No such folder: nope/' } })),
    );
    await page.locator('.tool-card').nth(1).waitFor();
    assert.match((await page.locator('.tool-card').first().textContent()) ?? '', /Read\s*src\/parser\.ts\s*— lines 1-120/);
    const failed = page.locator('.tool-card.is-failed');
    assert.match((await failed.textContent()) ?? '', /Listed\s*nope\/.*No such folder: nope\//);
    assert.equal(await failed.getAttribute('aria-label'), 'Listed nope/, failed');
  });

  it('updates the plan checklist live as update_plan reports progress', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'thread', thread: thread() }, turnStarted()]);
    const steps = ['Reproduce', 'Fix the filter', 'Run the tests'];
    await w.view.post(planUpdated(steps.map((step, i) => ({ step, status: i === 0 ? 'in_progress' : 'pending' }))));
    const panel = page.getByRole('region', { name: 'Current plan' });
    await eventually(async () => assert.match((await panel.textContent()) ?? '', /0 of 3 done/));
    assert.equal(await panel.locator('.step-in-progress').textContent(), 'Reproduce (in progress)');

    await w.view.post(planUpdated(steps.map((step, i) => ({ step, status: i < 2 ? 'completed' : 'in_progress' }))));
    await eventually(async () => assert.match((await panel.textContent()) ?? '', /2 of 3 done/));
    assert.deepEqual(await panel.locator('.step-completed .plan-step-text').allTextContents(), ['Reproduce', 'Fix the filter']);
    assert.equal(await panel.locator('.step-in-progress .plan-step-text').textContent(), 'Run the tests');
  });

  it('shows a failover notice from → to, and an error with its fix and a Run button', async () => {
    const { page } = w.view;
    await postAll(w.view, richThread());
    const notice = page.locator('.notice-failover');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /Amazon Bedrock · claude-sonnet \(us-east-1\).*Azure OpenAI · gpt-5/);
    const error = page.locator('.error-item');
    assert.match((await error.textContent()) ?? '', /AWS SSO session has expired.*Sign in again/);
    await error.getByRole('button', { name: 'Run aws sso login --profile dev in a terminal' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'runFix'), { method: 'runFix', params: { command: 'aws sso login --profile dev' } });
    // After the failover the answer names who gave it, in the header's words.
    assert.equal((await page.locator('.agent-message .served-by').textContent())?.trim(), 'Azure · gpt-5');
  });

  it('shows provider · model (click selects a provider), the policy, and turn and session costs', async () => {
    const { page } = w.view;
    await postAll(w.view, richThread());
    const provider = page.getByRole('button', { name: 'Provider: Amazon Bedrock, model anthropic.claude-sonnet-4, profile bedrock-us. Switch or add a provider' });
    assert.equal(await provider.locator('.provider-text').textContent(), 'Bedrock · claude-sonnet-4');
    await provider.click();
    await w.view.waitForPosted((m) => m.method === 'selectProvider');
    assert.match((await page.locator('.policy-badge').textContent()) ?? '', /Read-only/);
    assert.equal(await page.locator('.usage-turn').textContent(), 'Turn15k in · 1.2k out · $0.0312');
    assert.equal(await page.locator('.usage-session').textContent(), 'Session12k in · 800 out · $0.05');

    await w.view.post({ type: 'status', status: status({ sessionCost: cost(null, 0.4, ['azure/my-deployment']) }) });
    await w.view.post(turnStarted(turn({ id: 'turn-2' })));
    await w.view.post(turnCompleted(turn({ id: 'turn-2', status: 'completed', cost: cost(null) })));
    await eventually(async () => assert.match((await page.locator('.usage-session').textContent()) ?? '', /· ≥ \$0\.40$/));
    await eventually(async () => assert.match((await page.locator('.usage-turn').textContent()) ?? '', /· unknown$/));
    assert.match((await page.locator('.usage-session').getAttribute('title')) ?? '', /no price for azure\/my-deployment/);
  });

  it('says what Restricted Mode allows when the workspace is not trusted', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status({ trusted: false }) }, { type: 'thread', thread: thread() }]);
    const banner = page.locator('.restricted-banner');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /can read your code and chat, but it cannot run commands or apply patches until you trust this workspace/);
    await w.view.post({ type: 'status', status: status({ trusted: true }) });
    await banner.waitFor({ state: 'detached' });
  });
});
