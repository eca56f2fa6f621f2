// A command the engine asks about, in a real VS Code against a loopback Bedrock: the question is one
// ApprovalCenter entry the sidebar card and the status bar show, and it is taken back when its turn ends
// without an answer (the user pressed Stop): no Approve button is left for a turn that no longer waits.
import assert from 'node:assert/strict';
import type { ExtensionServices } from '../../src/extension/services';
import { crosswind, waitFor } from './helpers';
import { useLoopbackBedrock, type LoopbackBedrock } from './loopback-bedrock';

describe('A command approval in the editor', function () {
  this.timeout(60_000);
  let services: ExtensionServices;
  let cloud: LoopbackBedrock;

  before(async () => {
    services = (await crosswind()).services;
    await services.engine.ready();
    cloud = await useLoopbackBedrock(services);
  });
  after(async () => {
    await cloud?.close();
  });

  it('is withdrawn when its turn is stopped before the user answers', async () => {
    await services.conversation.newThread();
    cloud.server.script([{ steps: [{ type: 'toolCall', name: 'shell', input: { command: ['echo', 'hello'] } }] }]);
    const { turnId } = await services.conversation.startTurn('Say hello from the shell.');
    const asked = await waitFor('the approval request', () => services.approvals.all[0]);
    assert.equal(asked.params.turnId, turnId);
    assert.equal(services.activity.state, 'approval');

    await services.conversation.handlers()['turn/interrupt']({});
    await waitFor('the question to be withdrawn', () => services.approvals.all.length === 0);
    await waitFor('the status bar to stop waiting', () => services.activity.state === 'idle');
  });
});
