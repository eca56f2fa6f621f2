// Threads are redacted before they reach the disk, so a patch brought back after a restart may hold
// `[REDACTED]` where the model wrote a secret-shaped value (a key the agent moves out of the code, a
// password in a config file). Such a patch must never be applied — nor reverted — from its redacted copy:
// it would write the placeholder over the user's real value. It comes back stale (or not revertible), and
// the file keeps exactly what it had.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startCloud, type Cloud } from '../../support/engine-harness';
import { waitFor } from '../../support/fault-checks';
import { FaultEngine } from '../../support/fault-engine';
import { call, codexPatch, tempDirs } from './helpers';

const CONFIG = 'host = "db.internal"\n';
const WITH_SECRET = 'host = "db.internal"\npassword = "correct-horse-battery"\n';

describe('resilience: a patch whose secret was redacted on disk is never replayed from the redacted copy', function () {
  this.timeout(30_000);
  let cloud: Cloud;
  let dirs: ReturnType<typeof tempDirs>;
  const engines: FaultEngine[] = [];
  const disk = () => fs.readFileSync(path.join(dirs.ws, 'app.toml'), 'utf8');

  beforeEach(async () => {
    cloud = await startCloud('bedrock');
    dirs = tempDirs('cw-redacted-');
  });
  afterEach(async () => {
    for (const e of engines.splice(0)) if (!e.crashed) await e.engine.shutdown();
    await cloud.close();
  });

  async function engine(opts: Partial<Parameters<typeof FaultEngine.start>[0]> = {}): Promise<FaultEngine> {
    const fe = await FaultEngine.start({ clouds: [cloud], workspace: dirs.ws, state: dirs.state, ...opts });
    engines.push(fe);
    return fe;
  }

  it('a pending patch that adds a password comes back stale, and the file is untouched', async () => {
    fs.writeFileSync(path.join(dirs.ws, 'app.toml'), CONFIG);
    const first = await engine({ approve: () => new Promise(() => {}) });
    cloud.script([{ steps: [call('p1', 'apply_patch', { input: codexPatch(['*** Update File: app.toml', '@@', ' host = "db.internal"', '+password = "correct-horse-battery"']) })] }]);
    const thread = await first.engine.startThread({});
    void first.engine.startTurn({ threadId: thread.id, text: 'Add the password', attachments: [] });
    await waitFor('the patch to wait for review', () => first.events.some((e) => e.method === 'item/started' && e.params.item.type === 'fileChange'));
    await first.crash();
    // Also inside the tool call's raw arguments, where its quotes are escaped.
    assert.ok(!fs.readFileSync(path.join(dirs.state, 'threads', `${thread.id}.jsonl`), 'utf8').includes('correct-horse-battery'), 'the secret is not on disk');

    const second = await engine();
    const resumed = await second.engine.resumeThread(thread.id);
    const item = resumed.items.find((i) => i.type === 'fileChange');
    assert.ok(item?.type === 'fileChange');
    assert.equal(item.patch.status, 'stale');
    assert.match(item.patch.error?.message ?? '', /secret/);
    await assert.rejects(second.engine.applyPatch(thread.id, item.patch.id), /already stale/);
    assert.equal(disk(), CONFIG);
  });

  it('an applied patch that removed a password cannot be reverted after a restart, and the file is untouched', async () => {
    fs.writeFileSync(path.join(dirs.ws, 'app.toml'), WITH_SECRET);
    const first = await engine({ settings: { approvalPolicy: 'full-auto' } });
    cloud.script([{ steps: [call('p1', 'apply_patch', { input: codexPatch(['*** Update File: app.toml', '@@', ' host = "db.internal"', '-password = "correct-horse-battery"']) })] }, { steps: [{ type: 'text', text: 'Removed.' }] }]);
    const thread = await first.engine.startThread({});
    assert.equal((await first.run(thread.id, 'Remove the password')).status, 'completed');
    assert.equal(disk(), CONFIG);
    await first.engine.shutdown();

    const second = await engine();
    const resumed = await second.engine.resumeThread(thread.id);
    const item = resumed.items.find((i) => i.type === 'fileChange');
    assert.ok(item?.type === 'fileChange');
    assert.equal(item.patch.status, 'applied');
    // The card says why, instead of offering a Revert that would refuse.
    assert.match(item.patch.revertRefused ?? '', /Cannot revert after a restart/);
    await assert.rejects(second.engine.revertPatch(thread.id, item.patch.id), /secret/);
    assert.equal(disk(), CONFIG);
  });
});
