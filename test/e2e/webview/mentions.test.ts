// @-mentions in the message box: the suggestions the host answers open under the caret, the keyboard
// moves through them and picks one (the `@query` becomes the mention, the host is asked for the
// attachment, its chip appears and goes with the message), Escape closes the list; files dropped on the
// composer are sent to the host to attach.
import assert from 'node:assert/strict';
import type { MentionSuggestion } from '../../../src/protocol/mentions';
import type { WebviewToHost } from '../../../src/protocol/webview';
import { eventually } from '../../support/webview-harness';
import { status, thread } from '../../unit/media/fixtures';
import { postAll } from './scenes';
import { useWebview } from './setup';

const SUGGESTIONS: MentionSuggestion[] = [
  { mention: { kind: 'file', path: 'src/app.ts' }, label: 'app.ts', detail: 'src' },
  { mention: { kind: 'terminal' }, label: 'Terminal', detail: 'The last command and its output', disabled: 'No terminal is open.' },
  { mention: { kind: 'folder', path: 'src/app' }, label: 'app/', detail: 'src' },
  { mention: { kind: 'symbol', name: 'applyPatch', symbolKind: 'function', path: 'src/patch.ts', startLine: 3, endLine: 9 }, label: 'applyPatch', detail: 'Function in src/patch.ts' },
];

type Search = Extract<WebviewToHost, { method: 'searchMentions' }>;

describe('webview: @-mentions and dropped files', () => {
  const w = useWebview();

  async function typeMention(text: string): Promise<Search> {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    const box = page.getByRole('textbox', { name: 'Message Crosswind' });
    await box.click();
    await box.pressSequentially(text);
    const query = text.slice(text.lastIndexOf('@') + 1);
    return (await w.view.waitForPosted((m) => m.method === 'searchMentions' && m.params.query === query)) as Search;
  }

  it('shows what the host suggests for @ap, picks one with the keyboard, and sends its chip with the message', async () => {
    const { page } = w.view;
    const search = await typeMention('Explain @ap');
    await w.view.post({ type: 'mentions', requestId: search.params.requestId, query: 'ap', suggestions: SUGGESTIONS });

    const box = page.getByRole('textbox', { name: 'Message Crosswind' });
    const list = page.getByRole('listbox', { name: 'Context to mention' });
    await list.waitFor();
    const options = list.getByRole('option');
    assert.deepEqual(await options.locator('.mention-label').allTextContents(), ['app.ts', 'Terminal', 'app/', 'applyPatch']);
    // The message box points at the active option; the first is active, the disabled one is skipped.
    const active = async () => page.locator(`#${await box.getAttribute('aria-activedescendant')}`).locator('.mention-label').textContent();
    assert.equal(await active(), 'app.ts');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.equal(await options.nth(1).getAttribute('aria-disabled'), 'true');
    await box.press('ArrowDown');
    assert.equal(await active(), 'app/');
    await box.press('ArrowDown');
    assert.equal(await active(), 'applyPatch');
    await box.press('ArrowDown');
    assert.equal(await active(), 'app.ts', 'wraps to the first');
    await box.press('ArrowUp');
    assert.equal(await active(), 'applyPatch');
    await box.press('Enter');

    const picked = await w.view.waitForPosted((m) => m.method === 'attachMention');
    assert.deepEqual(picked, { method: 'attachMention', params: { mention: SUGGESTIONS[3]!.mention, token: '@applyPatch' } });
    await list.waitFor({ state: 'hidden' });
    assert.equal(await box.inputValue(), 'Explain @applyPatch ', 'the @query became the mention; Enter did not send');
    assert.equal((await w.view.posted()).filter((m) => m.method === 'turn/start').length, 0);

    // The host answers with the attachment it made, as the real host does.
    const symbol = { type: 'symbol' as const, path: 'src/patch.ts', name: 'applyPatch', kind: 'function', startLine: 3, endLine: 9, text: 'function applyPatch() {}' };
    await w.view.post({ type: 'attached', attachment: symbol, token: '@applyPatch' });
    const chips = page.getByRole('list', { name: 'Context to send' }).locator('.chip');
    await eventually(async () => assert.deepEqual(await chips.locator('.chip-label').allTextContents(), ['applyPatch']));

    await box.pressSequentially('and @src');
    const second = (await w.view.waitForPosted((m) => m.method === 'searchMentions' && m.params.query === 'src')) as Search;
    await w.view.post({ type: 'mentions', requestId: second.params.requestId, query: 'src', suggestions: SUGGESTIONS.slice(0, 1) });
    await list.waitFor();
    await box.press('Tab');
    await w.view.waitForPosted((m) => m.method === 'attachMention' && m.params.mention.kind === 'file');
    await w.view.post({ type: 'attached', attachment: { type: 'file', path: 'src/app.ts' }, token: '@app.ts' });
    await eventually(async () => assert.deepEqual(await chips.locator('.chip-label').allTextContents(), ['applyPatch', 'app.ts']));
    assert.equal(await box.inputValue(), 'Explain @applyPatch and @app.ts ');

    await box.press('Enter');
    const sent = await w.view.waitForPosted((m) => m.method === 'turn/start');
    assert.deepEqual(sent, { method: 'turn/start', params: { text: 'Explain @applyPatch and @app.ts ', attachments: [symbol, { type: 'file', path: 'src/app.ts' }] } });
  });

  it('deleting a mention\'s @name from the message removes its chip; other chips stay', async () => {
    const { page } = w.view;
    const search = await typeMention('Fix @ap');
    await w.view.post({ type: 'mentions', requestId: search.params.requestId, query: 'ap', suggestions: SUGGESTIONS.slice(0, 1) });
    const box = page.getByRole('textbox', { name: 'Message Crosswind' });
    await page.getByRole('listbox', { name: 'Context to mention' }).waitFor();
    await box.press('Enter');
    await w.view.waitForPosted((m) => m.method === 'attachMention');
    await w.view.post({ type: 'attached', attachment: { type: 'file', path: 'src/app.ts' }, token: '@app.ts' });
    // A chip from the attach button, not from a mention: deleting text never removes it.
    await w.view.post({ type: 'attached', attachment: { type: 'file', path: 'README.md' } });
    const chips = page.getByRole('list', { name: 'Context to send' }).locator('.chip');
    await eventually(async () => assert.deepEqual(await chips.locator('.chip-label').allTextContents(), ['app.ts', 'README.md']));
    assert.equal(await box.inputValue(), 'Fix @app.ts ');
    // Backspace over "ts " : the @name is no longer whole.
    for (let i = 0; i < 3; i++) await box.press('Backspace');
    await eventually(async () => assert.deepEqual(await chips.locator('.chip-label').allTextContents(), ['README.md']));
    await box.pressSequentially('ts now');
    await box.press('Enter');
    const sent = await w.view.waitForPosted((m) => m.method === 'turn/start');
    assert.deepEqual(sent, { method: 'turn/start', params: { text: 'Fix @app.ts now', attachments: [{ type: 'file', path: 'README.md' }] } });
  });

  it('Escape closes the list and keeps it closed for that mention; an answer to an older query is not shown', async () => {
    const { page } = w.view;
    const first = await typeMention('@a');
    const box = page.getByRole('textbox', { name: 'Message Crosswind' });
    await box.pressSequentially('p');
    const latest = (await w.view.waitForPosted((m) => m.method === 'searchMentions' && m.params.query === 'ap')) as Search;
    assert.ok(latest.params.requestId > first.params.requestId);
    const list = page.getByRole('listbox', { name: 'Context to mention', includeHidden: true });
    // The answer to "@a" arrives late: it is not the question asked now.
    await w.view.post({ type: 'mentions', requestId: first.params.requestId, query: 'a', suggestions: SUGGESTIONS });
    await w.view.post({ type: 'mentions', requestId: latest.params.requestId, query: 'ap', suggestions: SUGGESTIONS.slice(0, 1) });
    await eventually(async () => assert.equal(await list.getByRole('option').count(), 1));
    assert.equal(await list.isVisible(), true);

    await box.press('Escape');
    await list.waitFor({ state: 'hidden' });
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await box.getAttribute('aria-activedescendant'), null);
    await w.view.clearPosted();
    await box.pressSequentially('p');
    await box.press('Enter');
    // Still the same mention: no new question; Enter sends the message as typed.
    const sent = await w.view.waitForPosted((m) => m.method === 'turn/start');
    assert.deepEqual(sent, { method: 'turn/start', params: { text: '@app', attachments: [] } });
    assert.equal((await w.view.posted()).filter((m) => m.method === 'searchMentions').length, 0);
  });

  it('an @ inside a word (an e-mail address) is not a mention', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    const box = page.getByRole('textbox', { name: 'Message Crosswind' });
    await box.click();
    await box.pressSequentially('mail me@example.com');
    await box.press('Enter');
    await w.view.waitForPosted((m) => m.method === 'turn/start');
    assert.equal((await w.view.posted()).filter((m) => m.method === 'searchMentions').length, 0);
  });

  it('sends files dropped from the Explorer (text/uri-list) to the host to attach', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    const box = page.getByRole('textbox', { name: 'Message Crosswind' });
    const uris = ['file:///work/project/src/app.ts', 'file:///work/project/docs'];
    await box.evaluate((el, list) => {
      const data = new DataTransfer();
      data.setData('text/uri-list', `# dragged from the Explorer\r\n${list.join('\r\n')}\r\n`);
      const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
      el.dispatchEvent(over);
      if (!over.defaultPrevented) throw new Error('the composer did not accept the drag');
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, uris);
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'attachDropped'), { method: 'attachDropped', params: { uris } });
    await w.view.post({ type: 'attached', attachment: { type: 'file', path: 'src/app.ts' } });
    await w.view.post({ type: 'attached', attachment: { type: 'folder', path: 'docs', entries: ['guide.md', 'api/index.md'], truncated: false } });
    const chips = page.getByRole('list', { name: 'Context to send' }).locator('.chip');
    await eventually(async () => assert.deepEqual(await chips.locator('.chip-label').allTextContents(), ['app.ts', 'docs']));
    assert.equal(await chips.nth(1).getAttribute('title'), 'Folder docs (2 entries)');
  });
});
