// Editing a proposal before applying it, inside a real VS Code against a loopback Bedrock: the user types
// in the diff editor's proposed side and saves (or just accepts: an unsaved edit is saved first); the
// diff's hunks become the user's, Accept writes the user's version to disk, and the model's next request
// says what the user changed.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import { STATS_JS, STATS_PATCH, STATS_PATH, STATS_PROPOSED } from '../support/review-scenario';
import { closeAllEditors, patchDiffTabs, rewriteFile, workspaceFile } from './diff-tabs';
import { crosswind, waitFor } from './helpers';
import { lastToolResult, useLoopbackBedrock, type LoopbackBedrock } from './loopback-bedrock';

/** The user keeps the guard but returns NaN, and drops range() from the proposal. */
const USER_EDIT = STATS_PROPOSED.replace('return 0;', 'return NaN;')
  .replace('function range(values) {\n  return max(values) - min(values);\n}\n\n', '')
  .replace('module.exports = { sum, mean, max, min, range };', 'module.exports = { sum, mean, max, min };');

describe('Editing a proposal in the diff editor before applying it', function () {
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
    await services.conversation.newThread();
  });

  /** A pending patch from the model, its diff open; returns the proposed side's document. */
  async function proposedSide() {
    cloud.server.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: STATS_PATCH } }] },
      { steps: [{ type: 'text', text: 'NaN it is, and no range().' }] },
    ]);
    const { threadId } = await services.conversation.startTurn('Make mean() safe on an empty list.');
    const entry = await waitFor('a pending patch', () => services.review.pending().find((p) => p.threadId === threadId));
    await vscode.commands.executeCommand('crosswind.openPatchDiff', threadId, entry.view.id, STATS_PATH);
    const { input } = await waitFor('the diff editor', () => patchDiffTabs()[0]);
    const doc = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(doc.getText(), STATS_PROPOSED);
    return { patchId: entry.view.id, doc, requestsBefore: cloud.server.requests.length };
  }

  async function type(doc: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.validateRange(new vscode.Range(0, 0, doc.lineCount, 0)), text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the proposed side takes the edit (it is not read-only)');
    assert.equal(doc.getText(), USER_EDIT);
  }

  it('saving the proposed side makes the user’s text the proposal; Accept writes it and the model is told', async () => {
    const { patchId, doc, requestsBefore } = await proposedSide();
    await type(doc, USER_EDIT);
    // Not its boolean: the first save in a fresh window can wait seconds on other extensions' save
    // participants and then resolve false although the text was written. What the user sees is asserted.
    await doc.save();
    const file = await waitFor('the edit to reach the review', () => services.review.get(patchId)?.view.files.find((f) => f.editedByUser));
    assert.deepEqual(
      file.hunks.flatMap((h) => h.lines.filter((l) => l.startsWith('+'))),
      ['+  if (values.length === 0) return NaN;'],
      'the review’s hunks are the user’s: one guard returning NaN, no range()',
    );
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title).filter((t) => t?.startsWith('Accept')), ['Accept hunk 1 of 1'], 'the diff’s lenses follow the edit');
    assert.equal(stats().read(), STATS_JS, 'saving the proposal writes nothing to the file');

    await vscode.commands.executeCommand('crosswind.diff.acceptAll');
    await waitFor('the patch to be applied', () => services.review.get(patchId)?.view.status === 'applied');
    assert.equal(stats().read(), USER_EDIT, 'the file on disk holds the user’s version');
    await waitFor('the model to hear the outcome', () => cloud.server.requests.length > requestsBefore);
    const told = lastToolResult(cloud.server.requests.at(-1));
    assert.match(told, /The user edited your proposed change before applying it/);
    assert.match(told, /^\+ {2}if \(values\.length === 0\) return NaN;$/m);
    assert.match(told, /^-function range\(values\) \{$/m, 'the model hears that range() was taken out');
  });

  it('Accept with an unsaved edit in the proposed side applies what the user sees, even while auto-save is saving it slowly', async () => {
    const { patchId, doc } = await proposedSide();
    // code-server auto-saves after a delay; another extension's save participant (a formatter, a linter)
    // takes its time, as in a fresh window. Accept lands in the middle of that save: it must still apply
    // the user's text, not the model's.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    await files.update('autoSaveDelay', 1, vscode.ConfigurationTarget.Global);
    const slowParticipant = vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.document === doc) e.waitUntil(new Promise<void>((resolve) => setTimeout(resolve, 1000)));
    });
    try {
      await type(doc, USER_EDIT);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await vscode.commands.executeCommand('crosswind.diff.acceptAll');
    } finally {
      slowParticipant.dispose();
      await files.update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the patch to be applied', () => services.review.get(patchId)?.view.status === 'applied');
    assert.equal(stats().read(), USER_EDIT);
  });

  it('Reject with an unsaved edit in the proposed side closes the diff and leaves the file as it was', async () => {
    const { patchId, doc, requestsBefore } = await proposedSide();
    await type(doc, USER_EDIT);
    await vscode.commands.executeCommand('crosswind.diff.rejectAll');
    await waitFor('the patch to be rejected', () => services.review.get(patchId)?.view.status === 'rejected');
    await waitFor('the diff tab to close', () => patchDiffTabs().length === 0);
    assert.equal(stats().read(), STATS_JS);
    await waitFor('the model to hear the outcome', () => cloud.server.requests.length > requestsBefore);
    assert.doesNotMatch(lastToolResult(cloud.server.requests.at(-1)), /edited/, 'a rejected patch tells no edit');
  });
});

