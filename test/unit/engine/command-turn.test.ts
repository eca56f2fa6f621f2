// A turn started by an editor command: the model gets the command's prompt, the conversation shows the
// command ("Explain stats.js:8–10") as the user's message — never the prompt, on screen or after a reload.
import assert from 'node:assert/strict';
import { commandLabel } from '../../../src/extension/commands/command-label';
import { EngineHarness, startCloud, type Cloud } from '../../support/engine-harness';

const STATS = 'function mean(values) {\n  return sum(values) / values.length;\n}\n';
const PROMPT = 'Explain the selected code: what it does, how it does it, and anything surprising about it. Do not change any file.';

describe('a turn started by an editor command', () => {
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

  it('sends the instruction to the model and shows the command as the user’s message', async () => {
    h = await EngineHarness.create({ clouds: [cloud], files: { 'src/stats.js': STATS } });
    cloud.script([{ steps: [{ type: 'text', text: 'mean() divides the sum by the count.' }] }]);
    const selection = { type: 'selection' as const, path: 'src/stats.js', startLine: 1, endLine: 3, text: STATS };
    const label = commandLabel('Explain', selection);
    assert.equal(label, 'Explain stats.js:1–3');
    const thread = await h.engine.startThread({});
    const { done } = await h.engine.startTurn({ threadId: thread.id, text: label, instruction: PROMPT, attachments: [selection] });
    await done;

    const sent = JSON.stringify(cloud.requests[0]?.messages ?? []);
    assert.ok(sent.includes(PROMPT), 'the model got the instruction');
    assert.ok(sent.includes('return sum(values) / values.length;'), 'and the selection');
    assert.ok(!sent.includes(label), 'not the label');

    const shown = h.completed('userMessage')[0]!;
    assert.equal(shown.type === 'userMessage' && shown.text, label);
    const resumed = await h.engine.resumeThread(thread.id);
    const stored = resumed.items.find((i) => i.type === 'userMessage');
    assert.equal(stored?.type === 'userMessage' && stored.text, label, 'the same after a reload');
    assert.equal(resumed.title, label, 'the history list names it by the command');
    assert.ok(!JSON.stringify(resumed.items).includes('Do not change any file'), 'the prompt is not shown anywhere');
  });

  it('labels selections, single lines and whole files', () => {
    assert.equal(commandLabel('Refactor', { type: 'selection', path: 'a/b/app.ts', startLine: 14, endLine: 20, text: '' }, 'use async/await'), 'Refactor app.ts:14–20: use async/await');
    assert.equal(commandLabel('Fix', { type: 'selection', path: 'app.ts', startLine: 9, endLine: 9, text: '' }), 'Fix app.ts:9');
    assert.equal(commandLabel('Generate tests for', { type: 'file', path: 'src/app.ts' }), 'Generate tests for app.ts');
  });
});
