// "Restore to before this turn" in a real VS Code against a loopback Bedrock: a turn patches a file, then
// the sidebar's message asks for the restore. Dismissing the confirmation changes nothing; a file with
// unsaved changes in the editor is never written over (the refusal names it, and is audited); once it is
// saved away the restore puts the file back, marks the turn restored, offers to undo it, and is audited.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import type { RestoreUi } from '../../src/extension/sidebar/checkpoint-restore';
import type { ItemOf, Thread } from '../../src/protocol';
import { closeAllEditors, workspaceFile } from './diff-tabs';
import { crosswind, waitFor } from './helpers';
import { useLoopbackBedrock, type LoopbackBedrock } from './loopback-bedrock';

const FILE = 'restore-demo/greet.js';
const BEFORE = "function greet(name) {\n  return 'Hello ' + name;\n}\n\nmodule.exports = { greet };\n";
const AFTER = BEFORE.replace("'Hello '", "'Hi '");
const PATCH = ['*** Begin Patch', `*** Update File: ${FILE}`, '@@', "-  return 'Hello ' + name;", "+  return 'Hi ' + name;", '*** End Patch'].join('\n');

interface Shown {
  kind: string;
  message: string;
  actions: string[];
  detail?: string;
}

/** Answers the confirmation with `answer` and records every dialog and notification. */
function scriptedUi(answer: string | undefined): RestoreUi & { shown: Shown[] } {
  const shown: Shown[] = [];
  return {
    shown,
    notify: (kind, message, actions = [], options = {}) => {
      shown.push({ kind, message, actions, ...(options.detail !== undefined ? { detail: options.detail } : {}) });
      return Promise.resolve(actions.length ? answer : undefined);
    },
  };
}

describe('Restore to before this turn', function () {
  this.timeout(120_000);
  let services: ExtensionServices;
  let cloud: LoopbackBedrock;
  const file = workspaceFile(FILE);

  before(async () => {
    services = (await crosswind()).services;
    await services.engine.ready();
    cloud = await useLoopbackBedrock(services);
    // code-server saves edits after a delay by default: the unsaved change this test makes must stay unsaved.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await closeAllEditors();
    file.write(BEFORE);
  });
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    file.remove();
    await cloud?.close();
  });

  const thread = async (threadId: string): Promise<Thread> => (await services.engine.request('thread/resume', { threadId })).thread;
  const checkpoints = (t: Thread) => t.items.filter((i): i is ItemOf<'checkpoint'> => i.type === 'checkpoint');
  const restore = (checkpointId: string, ui: RestoreUi) => {
    services.conversation.restoreUi = ui;
    // The handler the sidebar's message is dispatched to.
    return services.conversation.handlers()['checkpoint/restore']({ checkpointId });
  };
  const auditLines = async () => (await services.engine.request('audit/show', {})).lines.filter((l) => l.includes('restore ') && l.includes(FILE));

  it('asks first, refuses over unsaved changes naming the file, then puts the file back and can be undone — audited each time', async () => {
    await services.conversation.newThread();
    cloud.server.script([{ steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] }, { steps: [{ type: 'text', text: 'Changed the greeting.' }] }]);
    const { threadId } = await services.conversation.startTurn('Say Hi instead of Hello');
    const pending = await waitFor('the patch to wait for review', () => services.review.pending().find((p) => p.threadId === threadId));
    await services.review.applyAll(threadId, pending.view.id);
    await waitFor('the turn to finish', async () => (await thread(threadId)).turns.at(-1)?.status === 'completed');
    assert.equal(file.read(), AFTER);
    const checkpoint = checkpoints(await thread(threadId)).find((c) => c.kind === 'turn' && c.status === 'available');
    assert.ok(checkpoint?.checkpointId, 'the turn that changed a file has a checkpoint to restore');
    const checkpointId = checkpoint.checkpointId;

    // 1. Dismissed: nothing changes. The dialog names the file and says what is not undone.
    const dismissed = scriptedUi(undefined);
    await restore(checkpointId, dismissed);
    const confirm = dismissed.shown.find((s) => s.actions.includes('Restore'));
    assert.ok(confirm, JSON.stringify(dismissed.shown));
    assert.match(confirm.message, /Restore 1 file to before the turn “Say Hi instead of Hello”\?/);
    assert.ok(confirm.detail?.includes(FILE), confirm.detail);
    assert.ok(confirm.detail?.includes('Not undone'), confirm.detail);
    assert.equal(file.read(), AFTER);

    // 2. An unsaved change in the editor: refused, the buffer and the disk untouched, the file named.
    const doc = await vscode.workspace.openTextDocument(file.uri);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(file.uri, new vscode.Position(0, 0), '// my unsaved note\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty);
    const refused = scriptedUi('Restore');
    await restore(checkpointId, refused);
    const error = refused.shown.find((s) => s.kind === 'error');
    assert.ok(error, JSON.stringify(refused.shown));
    assert.match(error.message, /Nothing was restored/);
    assert.ok(error.message.includes(FILE) && /unsaved/.test(error.message), error.message);
    assert.equal(doc.getText(), `// my unsaved note\n${AFTER}`, 'the unsaved change is kept');
    assert.equal(file.read(), AFTER, 'nothing was written');
    await waitFor('the refusal in the audit log', async () => (await auditLines()).some((l) => l.includes('refused')));

    // 3. With the change reverted, the restore puts the file back as it was before the turn.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the editor to drop its change', () => !doc.isDirty);
    const accepted = scriptedUi('Restore');
    await restore(checkpointId, accepted);
    assert.equal(file.read(), BEFORE, JSON.stringify(accepted.shown));
    await waitFor('the open editor to show the restored text', () => doc.getText() === BEFORE);
    assert.ok(accepted.shown.some((s) => s.kind === 'info' && /restored 1 file/.test(s.message)), JSON.stringify(accepted.shown));
    const after = checkpoints(await thread(threadId));
    assert.equal(after.find((c) => c.checkpointId === checkpointId)?.status, 'restored');
    const undo = after.find((c) => c.kind === 'beforeRestore' && c.status === 'available');
    assert.ok(undo?.checkpointId, 'the restore can be undone');
    await waitFor('the restore in the audit log', async () => (await auditLines()).some((l) => l.includes('restored')));

    // 4. "Undo the restore" brings the turn's change back.
    const undoUi = scriptedUi('Restore');
    await restore(undo.checkpointId, undoUi);
    assert.match(undoUi.shown[0]!.message, /Undo the restore/);
    assert.equal(file.read(), AFTER, JSON.stringify({ shown: undoUi.shown, doc: doc.getText(), list: await services.engine.request('checkpoint/list', {}), items: checkpoints(await thread(threadId)) }));
  });
});
