// The agent loop end to end, against loopback clouds speaking the real wire protocols: the same scenarios
// run through Amazon Bedrock (event-stream + SigV4) and Azure OpenAI (Responses SSE + api-key).
import assert from 'node:assert/strict';
import { EngineHarness, patchReplacing, startCloud, type Cloud, type CloudKind } from '../../support/engine-harness';
import { lastToolResult } from '../../support/scripted-model';

const MATH = ['// Small arithmetic helpers.', 'function add(a, b) {', '  return a + b;', '}', '', 'module.exports = { add };', ''].join('\n');

const ADD_SUBTRACT = [
  '*** Begin Patch',
  '*** Update File: src/math.js',
  '@@',
  ' function add(a, b) {',
  '   return a + b;',
  ' }',
  '+',
  '+function subtract(a, b) {',
  '+  return a - b;',
  '+}',
  ' ',
  '-module.exports = { add };',
  '+module.exports = { add, subtract };',
  '*** End Patch',
].join('\n');

const WITH_SUBTRACT = MATH.replace('module.exports = { add };', 'function subtract(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add, subtract };');

for (const kind of ['bedrock', 'azure'] as CloudKind[]) {
  describe(`agent loop through ${kind}`, () => {
    let cloud: Cloud;
    let h: EngineHarness | undefined;

    beforeEach(async () => {
      cloud = await startCloud(kind);
    });
    afterEach(async () => {
      await h?.close();
      h = undefined;
      await cloud.close();
    });

    it('reads a file, proposes a patch, the user approves it, it is applied, and the model finishes', async () => {
      h = await EngineHarness.create({ clouds: [cloud], files: { 'src/math.js': MATH } });
      cloud.script([
        { steps: [{ type: 'text', text: 'Let me look at the file.' }, { type: 'toolCall', name: 'read_file', input: { file_path: 'src/math.js' } }], usage: { input: 900, output: 40 } },
        { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: ADD_SUBTRACT } }], usage: { input: 1100, output: 120 } },
        { steps: [{ type: 'text', text: 'Added `subtract` and exported it.' }], usage: { input: 1300, output: 20 } },
      ]);
      const turn = await h.run('Add a subtract function to src/math.js');

      assert.equal(turn.status, 'completed');
      assert.equal(h.read('src/math.js'), WITH_SUBTRACT);
      // The model saw the file with 1-based line numbers, and then the patch's outcome.
      assert.match(lastToolResult(cloud.requests[1]).output, /^L1: \/\/ Small arithmetic helpers\.$/m);
      assert.match(lastToolResult(cloud.requests[2]).output, /^Success\. Updated the following files:\nM src\/math\.js/);
      // The turn waited once, for the user's review of this patch, which the user applied (patch/apply).
      assert.equal(h.approvals.length, 1);
      assert.equal(h.approvals[0]!.method, 'patch');
      assert.match((h.approvals[0]!.params as { reason: string }).reason, /read-only policy asks/);
      // The whole event sequence, in order.
      const seq = h.events
        .filter((e) => !e.method.endsWith('/delta'))
        .map((e) => (e.method.startsWith('item/') ? `${e.method}:${(e.params as { item: { type: string } }).item.type}` : e.method));
      assert.deepEqual(
        seq.filter((s) => s !== 'thread/updated'),
        [
          'turn/started',
          'item/started:userMessage',
          'item/completed:userMessage',
          'item/started:agentMessage',
          'item/completed:agentMessage',
          'turn/updated',
          'item/started:toolCall',
          'item/completed:toolCall',
          'turn/updated',
          'item/started:fileChange',
          'item/completed:fileChange',
          'item/started:agentMessage',
          'item/completed:agentMessage',
          'turn/updated',
          'turn/completed',
        ],
      );
      const patch = h.completed('fileChange')[0]!;
      assert.equal(patch.type === 'fileChange' && patch.patch.status, 'applied');
      const done = h.events.find((e) => e.method === 'turn/completed')!;
      assert.equal(done.method === 'turn/completed' && done.params.turn.usage.inputTokens, 3300);
      assert.equal(done.method === 'turn/completed' && done.params.turn.usage.outputTokens, 180);
    });

    it('tells the model exactly that the user declined the patch, and changes nothing', async () => {
      h = await EngineHarness.create({ clouds: [cloud], files: { 'src/math.js': MATH }, approve: () => 'decline' });
      cloud.script([
        { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: ADD_SUBTRACT } }] },
        { steps: [{ type: 'text', text: 'Understood, I left the file alone.' }] },
      ]);
      const turn = await h.run('Add subtract');
      assert.equal(turn.status, 'completed');
      assert.equal(h.read('src/math.js'), MATH);
      const result = lastToolResult(cloud.requests[1]);
      // Converse carries a tool result's error status; the Responses API has no such field.
      if (kind === 'bedrock') assert.equal(result.isError, true);
      assert.match(result.output, /The user rejected this patch; nothing was changed/);
      const item = h.completed('fileChange')[0]!;
      assert.equal(item.type === 'fileChange' && item.patch.status, 'rejected');
    });

    it('gives the model the lines it looked for and the closest ones when a patch does not match, and the retry applies', async () => {
      h = await EngineHarness.create({ clouds: [cloud], files: { 'src/math.js': MATH }, settings: { approvalPolicy: 'auto-edit' } });
      const wrong = patchReplacing('src/math.js', ['function add(x, y) {'], '  return x + y;', '  return x + y; // sum', ['}']);
      const right = patchReplacing('src/math.js', ['function add(a, b) {'], '  return a + b;', '  return a + b; // sum', ['}']);
      cloud.script([
        { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: wrong } }] },
        { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: right } }] },
        { steps: [{ type: 'text', text: 'Done.' }] },
      ]);
      const turn = await h.run('Comment the sum');
      assert.equal(turn.status, 'completed');
      const failure = lastToolResult(cloud.requests[1]);
      if (kind === 'bedrock') assert.equal(failure.isError, true);
      assert.match(failure.output, /apply_patch verification failed/);
      assert.match(failure.output, /return x \+ y;/, 'names the lines it looked for');
      assert.match(failure.output, /Closest lines in the file[\s\S]*return a \+ b;/, 'shows the closest lines it found');
      assert.match(failure.output, /Nothing was written/);
      assert.match(lastToolResult(cloud.requests[2]).output, /^Success\./);
      assert.equal(h.read('src/math.js'), MATH.replace('  return a + b;', '  return a + b; // sum'));
      assert.equal(h.approvals.length, 0, 'auto-edit applies patches without asking');
    });

    it('asks before running a shell command, runs it once approved, and reports its exit code and output', async () => {
      h = await EngineHarness.create({ clouds: [cloud], files: { 'a.txt': 'x\n' }, settings: { approvalPolicy: 'auto-edit' } });
      cloud.script([
        { steps: [{ type: 'toolCall', name: 'shell', input: { command: ['node', '-e', 'console.log(6*7); process.exit(3)'] } }] },
        { steps: [{ type: 'text', text: 'It printed 42 and exited with 3.' }] },
      ]);
      const turn = await h.run('Run the computation');
      assert.equal(turn.status, 'completed');
      assert.equal(h.approvals.length, 1);
      assert.equal(h.approvals[0]!.method, 'item/command/requestApproval');
      const result = lastToolResult(cloud.requests[1]);
      assert.match(result.output, /^Exit code: 3$/m);
      assert.match(result.output, /^42$/m);
      const cmd = h.completed('commandExecution')[0]!;
      assert.equal(cmd.type === 'commandExecution' && cmd.exitCode, 3);
      assert.equal(cmd.type === 'commandExecution' && cmd.approval?.by, 'user');
    });

    it('does not run a command the user declines, and says so to the model', async () => {
      h = await EngineHarness.create({ clouds: [cloud], files: {}, settings: { approvalPolicy: 'auto-edit' }, approve: () => 'decline' });
      cloud.script([
        { steps: [{ type: 'toolCall', name: 'shell', input: { command: ['node', '-e', 'require("fs").writeFileSync("ran.txt","1")'] } }] },
        { steps: [{ type: 'text', text: 'OK.' }] },
      ]);
      await h.run('Try it');
      assert.equal(h.exists('ran.txt'), false);
      assert.match(lastToolResult(cloud.requests[1]).output, /The user declined to run this command/);
    });

    it('stops streaming at once on interrupt, and keeps the partial answer marked interrupted', async () => {
      h = await EngineHarness.create({ clouds: [cloud], files: {} });
      cloud.script([{ steps: [{ type: 'text', text: 'word '.repeat(200), chunks: 100 }], delayMs: 30 }]);
      const { turn, done } = await h.start('Write a lot');
      const deadline = Date.now() + 10_000;
      while (!h.events.some((e) => e.method === 'item/agentMessage/delta') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const t0 = Date.now();
      await h.engine.interruptTurn(h.threadId!, turn.id);
      const final = await done;
      assert.ok(Date.now() - t0 < 2000, `interrupt took ${Date.now() - t0} ms`);
      assert.equal(final.status, 'interrupted');
      const msg = h.completed('agentMessage')[0]!;
      assert.equal(msg.type === 'agentMessage' && msg.status, 'interrupted');
      assert.ok(msg.type === 'agentMessage' && msg.text.length > 0 && msg.text.length < 'word '.repeat(200).length);
      // The thread on disk has it too.
      const resumed = await h.engine.resumeThread(h.threadId!);
      const stored = resumed.items.find((i) => i.type === 'agentMessage');
      assert.equal(stored?.type === 'agentMessage' && stored.status, 'interrupted');
    });
  });
}
