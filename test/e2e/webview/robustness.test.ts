// What must hold whatever arrives: invalid messages are dropped, other threads' events ignored, the
// state comes back after a reload, and the page keeps to its Content-Security-Policy.
import assert from 'node:assert/strict';
import { eventually } from '../../support/webview-harness';
import { agentMessage, delta, itemEvent, thread, turnStarted, userMessage } from '../../unit/media/fixtures';
import { postAll, richThread } from './scenes';
import { useWebview } from './setup';

describe('webview: robustness, state and CSP', () => {
  const w = useWebview();

  it('drops invalid host messages with a warning and keeps working', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'thread', thread: thread({ items: [userMessage('u1', 'hello')] }) }]);
    await page.getByText('hello').waitFor();
    for (const junk of [
      null,
      'thread',
      42,
      { type: 'nope' },
      { type: 'thread', thread: { id: 'x' } },
      { type: 'engineEvent', event: { method: 'item/agentMessage/delta', params: { threadId: 'thread-1', delta: 3 } } },
      { type: 'status', status: { approvalPolicy: 'yolo' } },
      { type: 'attached', attachment: { type: 'file' } },
    ]) {
      await w.view.postRaw(junk);
    }
    await w.view.post(itemEvent('item/completed', agentMessage('a1', 'still **alive**', { status: 'completed' })));
    await page.locator('.agent-message strong', { hasText: 'alive' }).waitFor();
    const warnings = w.view.console.filter((m) => m.type === 'warning' && m.text.includes('dropped an invalid message'));
    assert.equal(warnings.length, 8);
    assert.equal(await page.getByText('hello').isVisible(), true, 'the shown thread survived');
  });

  it('ignores events for a thread other than the one shown', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'thread', thread: thread({ items: [userMessage('u1', 'mine')] }) }]);
    await page.getByText('mine').waitFor();
    await w.view.post(itemEvent('item/started', agentMessage('x1', 'from elsewhere'), 'thread-other'));
    await w.view.post(delta('u1', ' appended elsewhere', 'agentMessage', 'thread-other'));
    await w.view.post(turnStarted({ id: 't9', threadId: 'thread-other', status: 'inProgress', startedAt: 0, usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 }, cost: { usd: 0, partialUsd: 0, unpricedModels: [] }, servedBy: [] }));
    await w.view.post(itemEvent('item/started', agentMessage('a2', 'for this thread')));
    await page.getByText('for this thread').waitFor();
    assert.equal(await page.getByText('from elsewhere').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Stop the current turn' }).isVisible(), false);
  });

  it('shows the cached thread and draft at once after a reload, before the host answers', async () => {
    const { page } = w.view;
    await postAll(w.view, richThread());
    await page.locator('.patch-card').waitFor();
    await page.getByRole('textbox', { name: 'Message Crosswind' }).fill('half-typed question');
    await eventually(async () => {
      const saved = (await w.view.savedState()) as { draft?: string } | null;
      assert.equal(saved?.draft, 'half-typed question');
    });

    await w.view.reload();
    // Nothing posted by the host since the reload: all of this comes from getState.
    assert.equal(await page.getByRole('textbox', { name: 'Message Crosswind' }).inputValue(), 'half-typed question');
    await page.locator('.patch-card').waitFor();
    assert.match((await page.locator('.agent-message').textContent()) ?? '', /The parser drops the last token/);
    assert.match((await page.locator('.provider-text').textContent()) ?? '', /Bedrock · claude-sonnet-4/);
    assert.equal((await w.view.posted()).filter((m) => m.method === 'ready').length, 1, 'ready posted again by the reloaded view');
  });

  it('restores nothing from a cache it cannot trust, but keeps the draft', async () => {
    const view = await w.harness.open({ cachedState: { v: 1, draft: 'my draft', thread: { id: 7 }, status: 'broken' } });
    try {
      assert.equal(await view.page.getByRole('textbox', { name: 'Message Crosswind' }).inputValue(), 'my draft');
      await view.page.locator('.welcome').waitFor();
      assert.deepEqual(view.pageErrors, []);
    } finally {
      await view.close();
    }
  });

  it('keeps to the strict CSP: nonce scripts only, no eval, no inline styles, assets from its origin', async () => {
    const { page } = w.view;
    await postAll(w.view, richThread());
    await page.locator('.patch-card').waitFor();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /script-src 'nonce-[\w-]+'/);
    assert.doesNotMatch(csp ?? '', /unsafe-(eval|inline)/);
    assert.equal(await page.locator('#app [style], #app style, #app script').count(), 0, 'no inline style or script in the view');
    assert.equal(await page.evaluate(() => document.fonts.check('14px codicon')), true, 'codicon font loaded from dist');
    // Everything so far was clean (the afterEach hook checks the whole test, but the probes below are
    // violations on purpose).
    assert.deepEqual(await w.view.cspViolations(), []);
    assert.deepEqual(w.view.console.filter((m) => m.type === 'error'), []);

    // Probes: the page really runs under that policy, so a clean run above means something.
    const probe = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const styled = document.createElement('div');
      styled.setAttribute('style', 'width: 123px');
      document.body.append(styled);
      const width = styled.getBoundingClientRect().width;
      styled.remove();
      return { inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, width };
    });
    assert.equal(probe.inlineRan, false, 'inline script refused');
    assert.notEqual(probe.width, 123, 'inline style attribute refused');
    await eventually(async () => assert.equal((await w.view.cspViolations()).length, 2));
    await eventually(() => assert.equal(w.view.console.filter((m) => /Content Security Policy/.test(m.text)).length, 2));
    await page.evaluate(() => (window as unknown as { __harness: { violations: string[] } }).__harness.violations.splice(0));
    w.view.console.splice(0);
  });
});
