// Memory that must be given back. The soak (npm run test:soak) measures the heap over hundreds of turns;
// this checks one cause of growth it showed: the model clients of settings that were replaced (every
// change of provider settings makes new ones) must not be kept alive by the engine.
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ModelClient } from '../../../src/core/model/types';
import { startCloud, type Cloud } from '../../support/engine-harness';
import { FaultEngine } from '../../support/fault-engine';
import { tempDirs } from './helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('resilience: memory', function () {
  this.timeout(30_000);
  let cloud: Cloud;

  before(async () => {
    cloud = await startCloud('bedrock');
  });
  after(() => cloud.close());

  it('lets go of the model clients of replaced settings', async () => {
    const dirs = tempDirs('cw-memory-');
    const created: WeakRef<ModelClient>[] = [];
    const fe = await FaultEngine.start({ clouds: [cloud], workspace: dirs.ws, state: dirs.state, onClient: (c) => created.push(new WeakRef(c)) });
    const thread = await fe.engine.startThread({});
    for (let i = 0; i < 4; i++) {
      // New settings (as when the user edits them): the engine makes new clients from now on.
      fe.updateSettings({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 + i } });
      cloud.script([{ steps: [{ type: 'text', text: `answer ${i}` }] }]);
      assert.equal((await fe.run(thread.id, 'hi')).status, 'completed');
    }
    assert.equal(created.length, 4);
    const old = created.slice(0, 3);
    // (No deref() before gc(): a target dereferenced in the current job is kept alive until it ends.)
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 20));
      gc();
    }
    assert.equal(old.filter((w) => w.deref()).length, 0, 'clients of replaced settings are still reachable');
    await fe.engine.shutdown();
  });
});
