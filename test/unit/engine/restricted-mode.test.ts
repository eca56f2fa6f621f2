// Restricted Mode covers the user's own clicks too: a patch proposed while the workspace was trusted
// cannot be applied (or an applied one reverted) once it is not, though it can still be rejected.
import assert from 'node:assert/strict';
import { EngineSettings } from '../../../src/protocol';
import { EngineHarness, startCloud, type Cloud } from '../../support/engine-harness';

const FILE = 'let a = 1;\n';
const PATCH = ['*** Begin Patch', '*** Update File: a.js', '@@', '-let a = 1;', '+let a = 2;', '*** End Patch'].join('\n');

describe('Restricted Mode and patches already proposed', () => {
  let cloud: Cloud;
  let h: EngineHarness | undefined;
  beforeEach(async () => {
    cloud = await startCloud('bedrock');
  });
  afterEach(async () => {
    await h?.close();
    await cloud.close();
  });

  it('refuses to apply a pending patch once the workspace is not trusted, and still lets the user reject it', async () => {
    // The user never answers the approval: the patch stays pending while the turn ends by interrupt.
    h = await EngineHarness.create({ clouds: [cloud], files: { 'a.js': FILE }, approve: () => new Promise(() => undefined) });
    cloud.script([{ steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] }]);
    const { turn, done } = await h.start('Set a to 2');
    const deadline = Date.now() + 10_000;
    let patchId: string | undefined;
    while (!patchId && Date.now() < deadline) {
      const started = h.events.find((e) => e.method === 'item/started' && e.params.item.type === 'fileChange');
      if (started?.method === 'item/started' && started.params.item.type === 'fileChange') patchId = started.params.item.patch.id;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(patchId, 'the patch was proposed');
    await h.engine.interruptTurn(h.threadId!, turn.id);
    await done;

    h.engine.updateSettings(EngineSettings.parse({ ...h.engine.currentSettings, trusted: false }));
    await assert.rejects(h.engine.applyPatch(h.threadId!, patchId), (e: Error & { info?: { kind: string } }) => e.info?.kind === 'notTrusted');
    await assert.rejects(h.engine.decidePatch(h.threadId!, patchId, [{ path: 'a.js', decision: 'accepted' }]), /Restricted Mode/);
    assert.equal(h.read('a.js'), FILE);
    const { patch } = await h.engine.rejectPatch(h.threadId!, patchId);
    assert.equal(patch.status, 'rejected');
  });
});
