// The conversation as it streams: markdown rendered safely and highlighted, copy and file links going
// through the host, reasoning collapsed, Stop only while a turn runs, Enter to send.
import assert from 'node:assert/strict';
import { eventually } from '../../support/webview-harness';
import { agentMessage, delta, itemEvent, reasoning, status, thread, turn, turnCompleted, turnStarted, userMessage } from '../../unit/media/fixtures';
import { ANSWER, postAll } from './scenes';
import { useWebview } from './setup';

describe('webview: streaming conversation', () => {
  const w = useWebview();

  async function startTurn(): Promise<void> {
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }, turnStarted()]);
    await w.view.post(itemEvent('item/started', userMessage('u1', 'Why does the parser drop the last token?')));
  }

  it('streams a markdown answer into a highlighted code block whose copy button posts the code', async () => {
    const { page } = w.view;
    await startTurn();
    await w.view.post(itemEvent('item/started', agentMessage('a1', '')));
    const chunks = ANSWER.match(/[\s\S]{1,17}/g) ?? [];
    const half = Math.floor(chunks.length / 2);
    for (const chunk of chunks.slice(0, half)) await w.view.post(delta('a1', chunk));

    const body = page.locator('.agent-message .markdown-body');
    await eventually(async () => assert.match((await body.textContent()) ?? '', /The parser drops the last token/));
    assert.equal(await body.evaluate((el) => el.classList.contains('streaming')), true, 'marked as streaming');
    assert.equal(await page.locator('.agent-message').getAttribute('aria-busy'), 'true');

    for (const chunk of chunks.slice(half)) await w.view.post(delta('a1', chunk));
    await w.view.post(itemEvent('item/completed', agentMessage('a1', ANSWER, { status: 'completed' })));
    await eventually(async () => assert.equal(await body.evaluate((el) => el.classList.contains('streaming')), false));

    const code = page.locator('.code-block code');
    assert.match((await code.textContent()) ?? '', /export function parse\(input: string\)/);
    assert.ok((await page.locator('.code-block .hljs-keyword').count()) > 0, 'keywords highlighted');
    assert.equal(await page.locator('.code-block .code-lang').textContent(), 'ts');

    await page.getByRole('button', { name: 'Copy ts code' }).click();
    const copy = await w.view.waitForPosted((m) => m.method === 'copy');
    assert.ok(copy.method === 'copy' && copy.params.text.startsWith('export function parse(input: string): Token[] {'));
    assert.ok(copy.method === 'copy' && copy.params.text.includes('return tokens.filter((t) => t.kind !== "eof");'));
  });

  it('opens workspace files named in the answer through the host and leaves web links to VS Code', async () => {
    const { page } = w.view;
    await startTurn();
    await w.view.post(itemEvent('item/completed', agentMessage('a1', ANSWER, { status: 'completed' })));
    await page.locator('a.file-link', { hasText: 'src/parser.ts:42' }).click();
    const open = await w.view.waitForPosted((m) => m.method === 'openFile');
    assert.deepEqual(open, { method: 'openFile', params: { path: 'src/parser.ts', line: 42 } });
    await w.view.clearPosted();
    await page.getByRole('link', { name: 'the lexer' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'openFile'), { method: 'openFile', params: { path: 'src/lexer.ts', line: 10 } });
    assert.equal(await page.getByRole('link', { name: 'docs' }).getAttribute('href'), 'https://example.com/docs');
  });

  it('shows HTML, scripts and images a model writes as text, never as live content', async () => {
    const { page } = w.view;
    await startTurn();
    const hostile = [
      'Before <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> after.',
      '',
      '[click me](javascript:window.__pwned=3) ![logo](https://example.com/logo.png)',
      '',
      '<b style="color:red">bold?</b>',
    ].join('\n');
    await w.view.post(itemEvent('item/completed', agentMessage('a1', hostile, { status: 'completed' })));
    const body = page.locator('.agent-message .markdown-body');
    await eventually(async () => assert.match((await body.textContent()) ?? '', /<img src=x onerror=/));
    assert.equal(await body.locator('img, script, b, [style]').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await body.getByText('click me').getAttribute('href'), null, 'javascript: link defused');
    assert.equal(await body.getByRole('link', { name: '[image: logo]' }).getAttribute('href'), 'https://example.com/logo.png');
  });

  it('keeps reasoning collapsed until opened, and open while it keeps streaming', async () => {
    const { page } = w.view;
    await startTurn();
    await w.view.post(itemEvent('item/started', reasoning('r1', 'Checking the **lexer** first.', { status: 'inProgress' })));
    const details = page.locator('.reasoning-item details');
    await details.waitFor();
    assert.equal(await details.evaluate((d: HTMLDetailsElement) => d.open), false);
    assert.match((await details.locator('summary').textContent()) ?? '', /Thinking/);
    assert.equal(await page.getByText('Checking the').isVisible(), false);

    await details.locator('summary').click();
    await page.getByText('Checking the').waitFor();
    await w.view.post(delta('r1', ' Then the filter.', 'reasoning'));
    await eventually(async () => assert.match((await details.textContent()) ?? '', /Then the filter\./));
    assert.equal(await page.locator('.reasoning-item details').evaluate((d: HTMLDetailsElement) => d.open), true, 'still open after re-render');
    await w.view.post(itemEvent('item/completed', reasoning('r1', 'Checking the **lexer** first. Then the filter.')));
    await eventually(async () => assert.match((await page.locator('.reasoning-item summary').textContent()) ?? '', /Reasoning/));
  });

  it('shows Stop only while a turn runs; Stop posts interrupt and the cut answer is marked interrupted', async () => {
    const { page } = w.view;
    const stop = page.getByRole('button', { name: 'Stop the current turn' });
    const send = page.getByRole('button', { name: 'Send message' });
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    await send.waitFor();
    assert.equal(await stop.isVisible(), false);

    await w.view.post(turnStarted());
    await stop.waitFor();
    assert.equal(await send.isVisible(), false);
    assert.equal(await page.getByRole('status').textContent(), 'Crosswind is responding…');
    await w.view.post(itemEvent('item/started', agentMessage('a1', 'Half an ans')));
    await stop.click();
    await w.view.waitForPosted((m) => m.method === 'turn/interrupt');

    await w.view.post(turnCompleted(turn({ status: 'interrupted' })));
    await stop.waitFor({ state: 'hidden' });
    await send.waitFor();
    await page.locator('.agent-message', { hasText: 'Interrupted' }).waitFor();
    await page.locator('.turn-footer', { hasText: 'Turn interrupted' }).waitFor();
  });

  it('sends with Enter, keeps Shift+Enter as a new line, and cannot send an empty message', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    const input = page.getByRole('textbox', { name: 'Message Crosswind' });
    const send = page.getByRole('button', { name: 'Send message' });
    await send.waitFor();
    assert.equal(await send.isDisabled(), true);
    await input.focus();
    await page.keyboard.press('Enter');
    await input.pressSequentially('first line');
    await page.keyboard.press('Shift+Enter');
    await input.pressSequentially('second line');
    await eventually(async () => assert.equal(await send.isDisabled(), false));
    assert.deepEqual((await w.view.posted()).filter((m) => m.method === 'turn/start'), [], 'nothing sent yet');
    await page.keyboard.press('Enter');
    const sent = await w.view.waitForPosted((m) => m.method === 'turn/start');
    assert.deepEqual(sent, { method: 'turn/start', params: { text: 'first line\nsecond line', attachments: [] } });
    assert.equal(await input.inputValue(), '');
    await eventually(async () => assert.equal(await send.isDisabled(), true));
  });
});
