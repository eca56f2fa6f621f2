// Fitting a long conversation into the model's context window: nothing happens while it fits; then old
// tool output is shortened; then old turns become a summary that keeps the user's requests, the answers,
// the files changed, the plan and the pending patches — and tool calls never lose their results.
import assert from 'node:assert/strict';
import { compactToFit, contextWindowOf, TokenEstimator } from '../../../src/core/agent/context-window';
import type { ConversationItem } from '../../../src/core/model/types';

function turn(n: number, toolOutputChars: number): ConversationItem[] {
  return [
    { type: 'user', text: `Request ${n}: fix bug ${n} in src/mod${n}.ts` },
    { type: 'toolCall', callId: `c${n}`, name: 'read_file', input: { file_path: `src/mod${n}.ts` }, rawArguments: `{"file_path":"src/mod${n}.ts"}` },
    { type: 'toolResult', callId: `c${n}`, output: `L1: ${'x'.repeat(toolOutputChars)}`, isError: false },
    {
      type: 'toolCall',
      callId: `p${n}`,
      name: 'apply_patch',
      input: { input: `*** Begin Patch\n*** Update File: src/mod${n}.ts\n@@\n-a\n+b\n*** End Patch` },
      rawArguments: '{}',
    },
    { type: 'toolResult', callId: `p${n}`, output: 'Success.', isError: false },
    { type: 'assistant', text: `Fixed bug ${n}.` },
  ];
}

function paired(items: ConversationItem[]): boolean {
  const calls = new Set(items.flatMap((i) => (i.type === 'toolCall' ? [i.callId] : [])));
  const results = new Set(items.flatMap((i) => (i.type === 'toolResult' ? [i.callId] : [])));
  return [...calls].every((c) => results.has(c)) && [...results].every((r) => calls.has(r));
}

describe('context window', () => {
  it('knows the windows of the model families it serves, and takes an override', () => {
    assert.equal(contextWindowOf('gpt-5.5'), 400_000);
    assert.equal(contextWindowOf('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), 200_000);
    assert.equal(contextWindowOf('meta.llama3-3-70b-instruct-v1:0'), 128_000);
    assert.equal(contextWindowOf('some-new-model'), 128_000);
    assert.equal(contextWindowOf('gpt-5.5', 64_000), 64_000);
  });

  it('leaves a conversation that fits untouched', () => {
    const items = [...turn(1, 100), ...turn(2, 100)];
    const r = compactToFit(items, 200_000, 1500, new TokenEstimator());
    assert.equal(r.items, items);
    assert.equal(r.action, undefined);
  });

  it('first shortens old tool output, keeping the last two turns whole', () => {
    const items = [...turn(1, 40_000), ...turn(2, 40_000), ...turn(3, 1000), ...turn(4, 1000)];
    const r = compactToFit(items, 30_000, 1500, new TokenEstimator());
    assert.equal(r.action, 'elidedToolOutput');
    assert.equal(r.droppedTurns, 0);
    const results = r.items.filter((i): i is Extract<ConversationItem, { type: 'toolResult' }> => i.type === 'toolResult');
    assert.match(results[0]!.output, /characters of older tool output elided/);
    assert.ok(results[0]!.output.length < 1000);
    assert.equal(results[4]!.output.length, 'L1: '.length + 1000, 'the recent turns keep their output');
    assert.ok(paired(r.items));
  });

  it('then summarises old turns, keeping requests, answers, patched files, the plan and pending patches', () => {
    const items = Array.from({ length: 12 }, (_, i) => turn(i + 1, 3000)).flat();
    const ctx = { plan: '- [completed] Fix bug 1\n- [in_progress] Fix bug 12', pendingPatches: ['- src/mod12.ts'] };
    const r = compactToFit(items, 5000, 1000, new TokenEstimator(), ctx);
    assert.equal(r.action, 'summarisedTurns');
    assert.ok(r.droppedTurns > 0 && r.droppedTurns < 12);
    const first = r.items[0]!;
    assert.equal(first.type, 'user');
    const summary = first.type === 'user' ? first.text : '';
    assert.match(summary, /Summary of the earlier conversation/);
    assert.match(summary, /The user asked: Request 1: fix bug 1/);
    assert.match(summary, /You answered: Fixed bug 1\./);
    assert.match(summary, /Files patched: src\/mod1\.ts/);
    assert.match(summary, /Current plan:\n- \[completed\] Fix bug 1/);
    assert.match(summary, /waiting for the user's review:\n- src\/mod12\.ts/);
    // The current turn is always kept, and the model never sees a call without its result.
    assert.ok(r.items.some((i) => i.type === 'user' && i.text.includes('Request 12')));
    assert.ok(paired(r.items));
    const est = new TokenEstimator();
    assert.ok(est.estimateItems(r.items) <= 5000 * 0.8 - 1000);
  });

  it('learns from the provider how many tokens its estimate really was', () => {
    const est = new TokenEstimator();
    const text = 'word '.repeat(1000);
    const before = est.estimateText(text);
    est.calibrate(before, before * 2);
    assert.equal(est.estimateText(text), before * 2);
    est.calibrate(est.estimateText(text), 1); // an absurd report is bounded
    assert.ok(est.estimateText(text) >= Math.floor(before * 0.33));
  });
});
