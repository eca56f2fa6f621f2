// What the model reads for each @-mention the user attached (through the engine, to a loopback Bedrock
// speaking the real wire protocol): a folder's listing, a symbol's text, the workspace's problems, a
// terminal's last command and output (its end kept when long), a web page's text (capped) — and the
// conversation shows the user's words, not that text.
import assert from 'node:assert/strict';
import type { Attachment } from '../../../src/protocol';
import { EngineHarness, startCloud, type Cloud } from '../../support/engine-harness';

describe('@-mention attachments reach the model', () => {
  let cloud: Cloud;
  let h: EngineHarness | undefined;
  beforeEach(async () => {
    cloud = await startCloud('bedrock');
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await cloud.close();
  });

  async function userTextSent(attachments: Attachment[], files: Record<string, string> = {}): Promise<string> {
    h = await EngineHarness.create({ clouds: [cloud], files: { 'README.md': '# demo\n', ...files } });
    cloud.script([{ steps: [{ type: 'text', text: 'Seen.' }] }]);
    const thread = await h.engine.startThread({});
    const { done } = await h.engine.startTurn({ threadId: thread.id, text: 'Look at these', attachments });
    await done;
    const shown = h.completed('userMessage')[0];
    assert.equal(shown?.type === 'userMessage' && shown.text, 'Look at these', 'the conversation shows what the user typed');
    return (cloud.requests[0]?.messages ?? []).flatMap((m) => (m.role === 'user' && 'text' in m ? [m.text] : [])).join('\n');
  }

  it('sends a folder listing, a symbol with its text, and the workspace problems by file and line', async () => {
    const sent = await userTextSent([
      { type: 'folder', path: 'src/lib', entries: ['index.ts', 'util/strings.ts'], truncated: true },
      { type: 'symbol', path: 'src/lib/index.ts', name: 'parseArgs', kind: 'function', startLine: 4, endLine: 6, text: 'export function parseArgs(argv) {\n  return argv.slice(2);\n}' },
      {
        type: 'problems',
        problems: [
          { path: 'src/a.ts', line: 3, severity: 'error', message: "Cannot find name 'foo'.", source: 'ts', code: '2304' },
          { path: 'src/b.ts', line: 10, severity: 'warning', message: 'Unused variable x' },
        ],
        truncated: false,
      },
    ]);
    assert.match(sent, /^Look at these/);
    assert.ok(sent.includes('The user attached the folder src/lib (the first 2 entries):\n- index.ts\n- util/strings.ts'), sent);
    assert.ok(sent.includes('The user attached the function parseArgs, lines 4-6 of src/lib/index.ts:'), sent);
    assert.ok(sent.includes('  return argv.slice(2);'), sent);
    assert.ok(sent.includes("- src/a.ts:3 error: Cannot find name 'foo'. (ts 2304)\n- src/b.ts:10 warning: Unused variable x"), sent);
  });

  it('sends the terminal command and the end of a long output, and a web page’s text capped', async () => {
    const output = `${'compiling…\n'.repeat(3000)}FAIL src/b.test.ts: expected 2, got 3`;
    const page = `Intro. ${'word '.repeat(6000)}THE-END-OF-THE-PAGE`;
    const sent = await userTextSent([
      { type: 'terminal', terminal: 'bash', command: 'npm test', exitCode: 1, output },
      { type: 'url', url: 'https://example.com/docs', text: page },
      { type: 'problems', problems: [], truncated: false },
    ]);
    assert.ok(sent.includes('The user attached the last command run in the terminal "bash" (exit code 1):'), sent.slice(0, 500));
    assert.ok(sent.includes('npm test'));
    assert.ok(sent.includes('FAIL src/b.test.ts: expected 2, got 3'), 'the end of the output, where the failure is');
    assert.match(sent, /\[… \d+ earlier characters left out\]/);
    assert.ok(sent.length < output.length + page.length, 'long text is capped');
    assert.ok(sent.includes('The user attached the web page https://example.com/docs, as text:\n```\nIntro. word'), 'the page text');
    assert.ok(!sent.includes('THE-END-OF-THE-PAGE'), 'a long page is cut');
    assert.ok(sent.includes('The user attached the problems of the workspace: there are none.'));
  });
});
