// Reviewing a pending patch in the diff editor, inside a real VS Code against a loopback Bedrock: the
// proposed text beside the real file, Accept/Reject per hunk and per file, stepping through the files of
// a patch, the result on disk, what the model is told, and revert.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import {
  STATS_JS,
  STATS_PATCH,
  STATS_PATH,
  STATS_PROPOSED,
  STATS_TEST_JS,
  STATS_TEST_PATH,
  STATS_WITH_HUNK_1,
  STATS_WITH_TEST_PATCH,
} from '../support/review-scenario';
import { closeAllEditors, PATCH_SCHEME, patchDiffTabs, rewriteFile, workspaceFile } from './diff-tabs';
import { crosswind, waitFor } from './helpers';
import { lastToolResult, useLoopbackBedrock, type LoopbackBedrock } from './loopback-bedrock';

describe('Reviewing a patch in the diff editor', function () {
  this.timeout(120_000);
  let services: ExtensionServices;
  let cloud: LoopbackBedrock;
  const stats = () => workspaceFile(STATS_PATH);

  before(async () => {
    services = (await crosswind()).services;
    await services.engine.ready();
    cloud = await useLoopbackBedrock(services);
  });
  after(async () => {
    await closeAllEditors();
    await cloud?.close();
  });
  beforeEach(async () => {
    await closeAllEditors();
    await rewriteFile(stats(), STATS_JS);
    workspaceFile(STATS_TEST_PATH).remove();
    await services.conversation.newThread();
  });

  /** Starts a turn whose model proposes `patch`, and waits until it is pending. */
  async function proposed(patch: string, afterReview: string) {
    cloud.server.script([
      { steps: [{ type: 'text', text: 'Here is the change.' }, { type: 'toolCall', name: 'apply_patch', input: { input: patch } }] },
      { steps: [{ type: 'text', text: afterReview }] },
    ]);
    const { threadId } = await services.conversation.startTurn('Make mean() safe on an empty list.');
    const entry = await waitFor('a pending patch', () => services.review.pending().find((p) => p.threadId === threadId));
    return { threadId, patchId: entry.view.id };
  }

  it('shows the proposed file beside the real one, applies exactly the accepted hunk, tells the model, and reverts', async () => {
    const { threadId, patchId } = await proposed(STATS_PATCH, 'I kept the guard and left range() out.');
    // The turn is not working now: it waits for the user, and the status bar says so.
    await waitFor('the status bar to say it waits for a review', () => services.activity.text === '$(eye) Crosswind is waiting for your review');
    await vscode.commands.executeCommand('crosswind.openPatchDiff', threadId, patchId, STATS_PATH);
    const { input } = await waitFor('the diff editor', () => patchDiffTabs()[0]);
    assert.equal(input.original.toString(), stats().uri.toString(), 'the left side is the real file');
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), STATS_PROPOSED, 'the right side is the proposed text');

    const lenses = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', input.modified)) ?? [];
    const initial = await lenses();
    assert.deepEqual(
      initial.map((l) => [l.range.start.line, l.command?.title]),
      [
        [8, 'In function mean(values)'],
        [8, 'Accept hunk 1 of 2'],
        [8, 'Reject hunk 1 of 2'],
        [24, 'Adds function range(values)'],
        [24, 'Accept hunk 2 of 2'],
        [24, 'Reject hunk 2 of 2'],
      ],
      'each hunk named by what it is about, then one Accept/Reject pair, on its first changed line',
    );
    assert.ok(!initial[0]!.command?.command, 'the name is text, not a button');

    const run = (lens: vscode.CodeLens) => vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await run(initial[1]!);
    await waitFor('hunk 1 shown as accepted', async () => (await lenses())[1]?.command?.title === '$(check) Accepted hunk 1 of 2');
    assert.equal(stats().read(), STATS_JS, 'nothing is written while a hunk is undecided');
    assert.equal(services.review.get(patchId)?.view.status, 'pending');

    await run(initial[5]!);
    await waitFor('the patch to be partly applied', () => services.review.get(patchId)?.view.status === 'partiallyApplied');
    assert.equal(stats().read(), STATS_WITH_HUNK_1, 'exactly the accepted hunk is on disk');
    await waitFor('the diff tab to close', () => patchDiffTabs().length === 0);
    await waitFor('the model to hear the outcome', () => cloud.server.requests.length === 2);
    assert.match(lastToolResult(cloud.server.requests[1]), /applied hunks 1; the user rejected hunks 2/);
    await waitFor('the activity to clear when the turn ends', () => services.activity.text === '');

    const reverted = await services.review.revert(threadId, patchId);
    assert.equal(reverted.status, 'reverted');
    assert.equal(stats().read(), STATS_JS, 'reverting restores the file');
  });

  it('steps to the next file when one is decided, shows an added file against nothing, and rejecting tells the model', async () => {
    const { patchId } = await proposed(STATS_WITH_TEST_PATCH, 'Understood: no test file.');
    assert.equal(services.review.pending().length, 1);
    await vscode.commands.executeCommand('crosswind.reviewPendingPatches');
    const first = await waitFor('the diff of the first file', () => patchDiffTabs()[0]);
    assert.equal(first.input.modified.path, `/${STATS_PATH}`);
    assert.match(first.tab.label, /stats\.js \(Crosswind proposal, file 1 of 2\)/);

    await vscode.commands.executeCommand('crosswind.diff.acceptFile');
    const second = await waitFor('the diff of the second file', () => patchDiffTabs().find((t) => t.input.modified.path === `/${STATS_TEST_PATH}`));
    assert.equal(patchDiffTabs().length, 1, 'one diff per patch at a time');
    assert.equal(second.input.original.scheme, PATCH_SCHEME, 'an added file is compared with an empty document');
    assert.equal((await vscode.workspace.openTextDocument(second.input.original)).getText(), '');
    assert.equal((await vscode.workspace.openTextDocument(second.input.modified)).getText(), STATS_TEST_JS);

    await vscode.commands.executeCommand('crosswind.diff.rejectFile');
    await waitFor('the patch to be partly applied', () => services.review.get(patchId)?.view.status === 'partiallyApplied');
    assert.equal(stats().read(), STATS_WITH_HUNK_1);
    assert.equal(workspaceFile(STATS_TEST_PATH).read(), undefined, 'the rejected file was not created');
    await waitFor('the diff tab to close', () => patchDiffTabs().length === 0);
    await waitFor('the model to hear the outcome', () => cloud.server.requests.length >= 2 && /test\/stats\.test\.js: rejected by the user/.test(lastToolResult(cloud.server.requests.at(-1))));
  });

  it('reports a patch applied only once it is on disk, even while VS Code auto-saves the file', async () => {
    // VS Code refuses a save that arrives while another save of the file runs its save participants
    // (TextDocument.save() resolves false), and auto save starts one right after the patch's edit: the
    // patch said "applied" while only the editor had it, and a command run next read the old file.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    await files.update('autoSaveDelay', 1, vscode.ConfigurationTarget.Global);
    // An extension's onWillSave work (a formatter, say) keeps auto save in its participants for a while.
    const slowAutoSave = vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.reason === vscode.TextDocumentSaveReason.AfterDelay && e.document.uri.toString() === stats().uri.toString()) e.waitUntil(new Promise<void>((r) => setTimeout(r, 1000)));
    });
    try {
      const { threadId, patchId } = await proposed(STATS_PATCH, 'Both changes are in.');
      const result = await services.review.applyAll(threadId, patchId);
      assert.equal(result.status, 'applied');
      assert.equal(stats().read(), STATS_PROPOSED, 'the file on disk holds the patch when the engine says it is applied');
    } finally {
      slowAutoSave.dispose();
      await files.update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Accept the Whole Patch from the editor title applies every hunk', async () => {
    const { threadId, patchId } = await proposed(STATS_PATCH, 'Both changes are in.');
    await vscode.commands.executeCommand('crosswind.openPatchDiff', threadId, patchId);
    await waitFor('the diff editor', () => patchDiffTabs()[0]);
    await vscode.commands.executeCommand('crosswind.diff.acceptAll');
    await waitFor('the patch to be applied', () => services.review.get(patchId)?.view.status === 'applied');
    assert.equal(stats().read(), STATS_PROPOSED);
    await waitFor('the diff tab to close', () => patchDiffTabs().length === 0);
  });
});
