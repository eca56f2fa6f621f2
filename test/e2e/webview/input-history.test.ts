// The composer's attachments, the history list, New conversation and the first screen.
import assert from 'node:assert/strict';
import { eventually } from '../../support/webview-harness';
import { status, summary, thread } from '../../unit/media/fixtures';
import type { Attachment } from '../../../src/protocol/items';
import { postAll } from './scenes';
import { useWebview } from './setup';

const SELECTION: Attachment = { type: 'selection', path: 'src/parser.ts', startLine: 30, endLine: 52, text: 'function parse() {}' };
const FILE: Attachment = { type: 'file', path: 'src/lexer.ts' };
// A real 1×1 PNG: the webview reads the format from the bytes, as the host and the CLI do.
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PROBLEMS: Attachment = { type: 'diagnostics', path: 'src/parser.ts', diagnostics: [{ line: 3, severity: 'error', message: 'Missing return' }] };

describe('webview: input, attachments and history', () => {
  const w = useWebview();

  it('asks the host for context, shows the chips it returns, and sends the ones left with the message', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    await page.getByRole('button', { name: 'Attach the current selection' }).click();
    await page.getByRole('button', { name: 'Attach the current file' }).click();
    await page.getByRole('button', { name: 'Attach problems in the current file' }).click();
    const kinds = (await w.view.posted()).flatMap((m) => (m.method === 'attach' ? [m.params.type] : []));
    assert.deepEqual(kinds, ['selection', 'file', 'diagnostics']);

    // The host answers each with the attachment it made from the editor, as the real host does.
    await w.view.post({ type: 'attached', attachment: SELECTION });
    await w.view.post({ type: 'attached', attachment: FILE });
    await w.view.post({ type: 'attached', attachment: PROBLEMS });
    await w.view.post({ type: 'attached', attachment: FILE });
    const chips = page.getByRole('list', { name: 'Context to send' }).locator('.chip');
    await eventually(async () => assert.deepEqual(await chips.locator('.chip-label').allTextContents(), ['parser.ts:30-52', 'lexer.ts', 'parser.ts: 1 problem']));

    await page.getByRole('button', { name: 'Remove File src/lexer.ts' }).click();
    await eventually(async () => assert.equal(await chips.count(), 2));
    await page.getByRole('textbox', { name: 'Message Crosswind' }).fill('Fix these');
    await page.getByRole('button', { name: 'Send message' }).click();
    const sent = await w.view.waitForPosted((m) => m.method === 'turn/start');
    assert.deepEqual(sent, { method: 'turn/start', params: { text: 'Fix these', attachments: [SELECTION, PROBLEMS] } });
    await eventually(async () => assert.equal(await chips.count(), 0));
  });

  it('a pasted image becomes a chip and is sent with the message; a pasted file that is not an image is refused with a reason', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    const box = page.getByRole('textbox', { name: 'Message Crosswind' });
    // What the clipboard holds after a screenshot: an image/png File without a meaningful name.
    const paste = (base64: string, type: string, name: string) =>
      box.evaluate(
        (el, f) => {
          const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], f.name, { type: f.type }));
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        },
        { base64, type, name },
      );
    await paste(PNG_1PX, 'image/png', 'image.png');
    await paste(Buffer.from('not an image\n').toString('base64'), 'image/png', 'notes.png');
    const chips = page.getByRole('list', { name: 'Context to send' }).locator('.chip');
    await eventually(async () => assert.deepEqual(await chips.locator('.chip-label').allTextContents(), ['pasted image 1.png']));
    await eventually(async () => assert.match((await page.locator('.error-banner').textContent()) ?? '', /notes\.png is not a PNG, JPEG, GIF or WebP image/));

    await box.fill('What is wrong in this screenshot?');
    await page.getByRole('button', { name: 'Send message' }).click();
    const sent = await w.view.waitForPosted((m) => m.method === 'turn/start');
    assert.deepEqual(sent, {
      method: 'turn/start',
      params: { text: 'What is wrong in this screenshot?', attachments: [{ type: 'image', path: 'pasted image 1.png', mediaType: 'image/png', data: PNG_1PX }] },
    });
  });

  it('lists earlier threads on History and resumes the one chosen', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    const historyButton = page.getByRole('button', { name: 'Conversation history' });
    await historyButton.click();
    await w.view.waitForPosted((m) => m.method === 'thread/list');
    await eventually(async () => assert.equal(await historyButton.getAttribute('aria-expanded'), 'true'));
    await w.view.post({
      type: 'threads',
      threads: [summary({ title: 'Fix the parser', updatedAt: Date.now() - 60_000 }), summary({ id: 'thread-0', title: 'Add retries', updatedAt: Date.now() - 3 * 3600_000, turnCount: 4, cost: { usd: null, partialUsd: 0, unpricedModels: [] } })],
    });
    const list = page.getByRole('list', { name: 'Conversations' });
    await eventually(async () => assert.equal(await list.getByRole('listitem').count(), 2));
    const older = list.getByRole('button', { name: /^Add retries, 3 h ago · 4 turns · unknown$/ });
    assert.equal(await list.locator('[aria-current="true"]').textContent(), 'Fix the parser1 min ago · 1 turn · $0.01');
    await older.click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'thread/resume'), { method: 'thread/resume', params: { threadId: 'thread-0' } });
    await page.locator('.history-panel').waitFor({ state: 'hidden' });
  });

  it('starts a new conversation on the first screen, with the provider and example prompts', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status({ provider: undefined, model: undefined, profile: undefined }) }, { type: 'thread', thread: thread() }]);
    await page.getByRole('button', { name: 'New conversation' }).click();
    await w.view.waitForPosted((m) => m.method === 'thread/start');
    const welcome = page.locator('.welcome');
    await welcome.waitFor();
    await welcome.getByRole('button', { name: 'Select a provider' }).click();
    await w.view.waitForPosted((m) => m.method === 'selectProvider');
    assert.equal(await welcome.locator('.example-prompt').count(), 3);
    await welcome.locator('.example-prompt').nth(1).click();
    const input = page.getByRole('textbox', { name: 'Message Crosswind' });
    await eventually(async () => assert.equal(await input.inputValue(), 'Find the failing tests, fix them, and show me the patch.'));
    assert.equal(await input.evaluate((el) => el === document.activeElement), true);

    await w.view.post({ type: 'status', status: status() });
    await eventually(async () => assert.match((await welcome.locator('.welcome-provider').textContent()) ?? '', /Using Amazon Bedrock · claude-sonnet-4 \(profile bedrock-us\)/));
  });

  it('focuses the message box when the host asks', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'thread', thread: thread() }, { type: 'focusInput' }]);
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'prompt-input'));
  });
});
