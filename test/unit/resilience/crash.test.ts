// The engine dies mid-turn (every port stops answering, as when the process is killed) and a new engine
// over the same folders takes over: the thread and its patches come back, what was running is marked
// interrupted, every tool call the model made is answered, and the conversation goes on — on Azure too,
// whose API refuses a conversation with an unanswered call. (The real process kill is in
// test/unit/server/engine-server.test.ts and in the soak.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../../../src/core/ports/workspace';
import { startCloud, type Cloud, type CloudKind } from '../../support/engine-harness';
import { readThreadRecords, threadProblems, waitFor } from '../../support/fault-checks';
import { FaultEngine } from '../../support/fault-engine';
import { call, codexPatch, tempDirs } from './helpers';

for (const kind of ['bedrock', 'azure'] as CloudKind[]) {
  describe(`resilience: the engine dies (or its disk fails) mid-turn (${kind})`, function () {
    this.timeout(30_000);
    let cloud: Cloud;
    let dirs: ReturnType<typeof tempDirs>;
    const engines: FaultEngine[] = [];

    beforeEach(async () => {
      cloud = await startCloud(kind);
      dirs = tempDirs('cw-crash-');
      fs.writeFileSync(path.join(dirs.ws, 'log.txt'), 'first\n');
    });
    afterEach(async () => {
      for (const e of engines.splice(0)) if (!e.crashed) await e.engine.shutdown();
      await cloud.close();
    });

    async function engine(wrap?: (d: Workspace) => Workspace): Promise<FaultEngine> {
      const fe = await FaultEngine.start({ clouds: [cloud], workspace: dirs.ws, state: dirs.state, settings: { approvalPolicy: 'full-auto' }, ...(wrap ? { wrapWorkspace: wrap } : {}) });
      engines.push(fe);
      return fe;
    }

    /** After the restart: the thread is complete, and a new turn goes through the cloud's own validation. */
    async function continues(fe: FaultEngine, threadId: string) {
      assert.deepEqual(threadProblems(await readThreadRecords(dirs.state, threadId)), []);
      cloud.script([{ steps: [{ type: 'text', text: 'Carrying on.' }] }]);
      const next = await fe.run(threadId, 'Go on');
      assert.equal(next.status, 'completed', JSON.stringify(next.error));
      return cloud.requests.at(-1)!;
    }

    it('while a command runs: the command is marked interrupted, its call answered, nothing said twice', async () => {
      const first = await engine();
      const thread = await first.engine.startThread({});
      cloud.script([{ steps: [{ type: 'text', text: 'Running the slow build.' }, call('c1', 'shell', { command: [process.execPath, '-e', 'setTimeout(() => {}, 3000)'] })] }]);
      void first.run(thread.id, 'Build it');
      await waitFor('the command to start', () => first.events.some((e) => e.method === 'item/started' && e.params.item.type === 'commandExecution' && e.params.item.status === 'inProgress'));
      await first.crash();

      const second = await engine();
      const resumed = await second.engine.resumeThread(thread.id);
      assert.equal(resumed.turns[0]?.status, 'interrupted');
      const cmd = resumed.items.find((i) => i.type === 'commandExecution');
      assert.equal(cmd?.type === 'commandExecution' && cmd.status, 'interrupted');
      const req = await continues(second, thread.id);
      const said = req.messages.filter((m) => 'text' in m && m.role === 'assistant' && m.text.includes('Running the slow build.'));
      assert.equal(said.length, 1, JSON.stringify(req.messages));
      const result = req.messages.find((m) => m.role === 'tool');
      assert.match(result?.role === 'tool' ? result.toolResult.output : '', /engine stopped/);
    });

    it('when the disk fails mid-turn (the cost ledger cannot be written): the turn fails, its tool calls are answered, the thread goes on', async () => {
      const fe = await engine();
      const thread = await fe.engine.startThread({});
      // Written after every model response, before the tools run: a folder in its place makes the write fail.
      fs.mkdirSync(path.join(dirs.state, 'ledger.jsonl'));
      cloud.script([{ steps: [call('r1', 'read_file', { file_path: 'log.txt' })] }]);
      const turn = await fe.run(thread.id, 'Read the log');
      assert.equal(turn.status, 'failed');
      fs.rmdirSync(path.join(dirs.state, 'ledger.jsonl'));
      const req = await continues(fe, thread.id);
      const result = req.messages.find((m) => m.role === 'tool');
      assert.match(result?.role === 'tool' ? result.toolResult.output : '', /the turn failed while this call was being handled/);
    });

    it('half-way through an answer: the streamed part comes back marked interrupted', async () => {
      const first = await engine();
      const thread = await first.engine.startThread({});
      cloud.script([{ steps: [{ type: 'text', text: 'word '.repeat(120), chunks: 60 }], delayMs: 15 }]);
      void first.run(thread.id, 'Say a lot');
      // Deltas are persisted in batches (every 400 ms): wait for one batch.
      await waitFor('some deltas', () => first.events.filter((e) => e.method === 'item/agentMessage/delta').length > 35);
      await first.crash();

      const second = await engine();
      const resumed = await second.engine.resumeThread(thread.id);
      const msg = resumed.items.find((i) => i.type === 'agentMessage');
      assert.ok(msg?.type === 'agentMessage');
      assert.equal(msg.status, 'interrupted');
      assert.ok(msg.text.length > 0 && 'word '.repeat(120).startsWith(msg.text), JSON.stringify(msg.text));
      const req = await continues(second, thread.id);
      assert.match(JSON.stringify(req.messages), /\[interrupted: the engine stopped\]/);
    });

    /** A finished turn in which the model applied one patch (the policy is full-auto); the thread's id. */
    async function appliedInTurn(fe: FaultEngine, callId: string, patchLines: string[]): Promise<string> {
      const thread = await fe.engine.startThread({});
      cloud.script([{ steps: [call(callId, 'apply_patch', { input: codexPatch(patchLines) })] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
      assert.equal((await fe.run(thread.id, 'Edit log.txt')).status, 'completed');
      return thread.id;
    }

    /** An engine that dies inside its `nth` write (1: the first), after `written` of the files were written. */
    async function dyingInWrite(written: 'all' | 'first', nth = 1): Promise<FaultEngine> {
      const self: { engine?: FaultEngine } = {};
      let writes = 0;
      const fe = await engine((disk) => ({
        root: disk.root,
        folders: disk.folders,
        resolve: (p) => disk.resolve(p),
        canonical: (p) => disk.canonical(p),
        read: (p) => disk.read(p),
        listDir: (p) => disk.listDir(p),
        search: (r) => disk.search(r),
        absolute: (p) => disk.absolute(p),
        write: async (changes) => {
          if (++writes < nth) return disk.write(changes);
          const outcome = await disk.write(written === 'all' ? changes : changes.slice(0, 1));
          await self.engine?.crash();
          return outcome;
        },
      }));
      self.engine = fe;
      return fe;
    }

    it('right after a patch was written, before it was recorded: it comes back applied, never offered again', async () => {
      const first = await dyingInWrite('all');
      const thread = await first.engine.startThread({});
      cloud.script([{ steps: [call('p1', 'apply_patch', { input: codexPatch(['*** Update File: log.txt', '@@', ' first', '+second']) })] }]);
      void first.run(thread.id, 'Add a line');
      await waitFor('the crash', () => first.crashed);
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\nsecond\n');

      const second = await engine();
      const resumed = await second.engine.resumeThread(thread.id);
      const item = resumed.items.find((i) => i.type === 'fileChange');
      assert.ok(item?.type === 'fileChange');
      assert.equal(item.patch.status, 'applied', JSON.stringify(item.patch.error));
      await assert.rejects(second.engine.applyPatch(thread.id, item.patch.id));
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\nsecond\n');
      // And it can be reverted, like any applied patch.
      await second.engine.revertPatch(thread.id, item.patch.id);
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\n');
      await continues(second, thread.id);
    });

    it('after the write was recorded, before the patch\'s new status was (found by the soak): it comes back applied', async () => {
      const self: { engine?: FaultEngine } = {};
      const first = await FaultEngine.start({
        clouds: [cloud],
        workspace: dirs.ws,
        state: dirs.state,
        settings: { approvalPolicy: 'full-auto' },
        afterAppend: (records) => void (records.some((r) => r.type === 'patchApplied') && self.engine?.crash()),
      });
      self.engine = first;
      engines.push(first);
      const thread = await first.engine.startThread({});
      cloud.script([{ steps: [call('p3', 'apply_patch', { input: codexPatch(['*** Update File: log.txt', '@@', ' first', '+second']) })] }]);
      void first.run(thread.id, 'Add a line');
      await waitFor('the crash', () => first.crashed);

      const second = await engine();
      const resumed = await second.engine.resumeThread(thread.id);
      const item = resumed.items.find((i) => i.type === 'fileChange');
      assert.ok(item?.type === 'fileChange');
      assert.equal(item.patch.status, 'applied');
      await assert.rejects(second.engine.applyPatch(thread.id, item.patch.id));
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\nsecond\n');
      await continues(second, thread.id);
    });

    it('after a restart, an applied patch still shows its files, and Revert restores them', async () => {
      const first = await engine();
      // A patch that would not match its own result (it replaces the line it looks for).
      const threadId = await appliedInTurn(first, 'p4', ['*** Update File: log.txt', '@@', '-first', '+First!']);
      await first.engine.shutdown();

      const second = await engine();
      const item = (await second.engine.resumeThread(threadId)).items.find((i) => i.type === 'fileChange');
      assert.ok(item?.type === 'fileChange');
      const { patch } = await second.engine.revertPatch(threadId, item.patch.id);
      assert.equal(patch.status, 'reverted');
      // The card keeps showing what the patch changed (it showed no file at all once reverted).
      assert.deepEqual(patch.files.map((f) => [f.path, f.additions, f.deletions]), [['log.txt', 1, 1]]);
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\n');
    });

    it('right after a revert wrote the files, before it was recorded: it comes back reverted, never reverted twice', async () => {
      const first = await dyingInWrite('all', 2);
      const threadId = await appliedInTurn(first, 'p5', ['*** Update File: log.txt', '@@', ' first', '+second']);
      const item = first.events.flatMap((e) => (e.method === 'item/completed' && e.params.item.type === 'fileChange' ? [e.params.item] : []))[0];
      assert.ok(item?.type === 'fileChange');
      void first.engine.revertPatch(threadId, item.patch.id).catch(() => undefined);
      await waitFor('the crash', () => first.crashed);
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\n');

      const second = await engine();
      const resumed = (await second.engine.resumeThread(threadId)).items.find((i) => i.type === 'fileChange');
      assert.ok(resumed?.type === 'fileChange');
      assert.equal(resumed.patch.status, 'reverted');
      assert.deepEqual(resumed.patch.files.map((f) => f.path), ['log.txt']);
      await assert.rejects(second.engine.revertPatch(threadId, item.patch.id), /is reverted/);
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\n');
      // The audit log has the revert, recorded once.
      const reverts = fs.readFileSync(second.auditLogPath, 'utf8').split('\n').filter((l) => l.includes('"action":"revert"'));
      assert.equal(reverts.length, 1, reverts.join('\n'));
      await continues(second, threadId);
    });

    it('a revert refused because the file changed since leaves the patch applied and revertible, across a restart', async () => {
      const first = await engine();
      const threadId = await appliedInTurn(first, 'p6', ['*** Update File: log.txt', '@@', ' first', '+second']);
      const item = (await first.engine.resumeThread(threadId)).items.find((i) => i.type === 'fileChange');
      assert.ok(item?.type === 'fileChange');
      fs.writeFileSync(path.join(dirs.ws, 'log.txt'), 'first\nsecond\nmine\n');
      await assert.rejects(first.engine.revertPatch(threadId, item.patch.id), /Cannot revert: the files no longer hold what the patch wrote/);
      await first.engine.shutdown();

      const second = await engine();
      const resumed = (await second.engine.resumeThread(threadId)).items.find((i) => i.type === 'fileChange');
      assert.equal(resumed?.type === 'fileChange' && resumed.patch.status, 'applied');
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\nsecond\nmine\n');
      // The user takes their line out again: the file holds what the patch wrote, and the revert works.
      fs.writeFileSync(path.join(dirs.ws, 'log.txt'), 'first\nsecond\n');
      await second.engine.revertPatch(threadId, item.patch.id);
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\n');
    });

    it('half-way through writing a two-file patch: it comes back stale, with the files as they are', async () => {
      fs.writeFileSync(path.join(dirs.ws, 'other.txt'), 'one\n');
      const first = await dyingInWrite('first');
      const thread = await first.engine.startThread({});
      const patch = codexPatch(['*** Update File: log.txt', '@@', ' first', '+second'], ['*** Update File: other.txt', '@@', ' one', '+two']);
      cloud.script([{ steps: [call('p2', 'apply_patch', { input: patch })] }]);
      void first.run(thread.id, 'Add lines');
      await waitFor('the crash', () => first.crashed);

      const second = await engine();
      const resumed = await second.engine.resumeThread(thread.id);
      const item = resumed.items.find((i) => i.type === 'fileChange');
      assert.ok(item?.type === 'fileChange');
      assert.equal(item.patch.status, 'stale');
      assert.match(item.patch.error?.message ?? '', /only some of its files were changed/);
      await assert.rejects(second.engine.applyPatch(thread.id, item.patch.id));
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'log.txt'), 'utf8'), 'first\nsecond\n');
      assert.equal(fs.readFileSync(path.join(dirs.ws, 'other.txt'), 'utf8'), 'one\n');
      await continues(second, thread.id);
    });
  });
}
