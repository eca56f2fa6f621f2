// The editor commands (Refactor Selection, Fix Problems in File, Generate Tests, Explain Selection) in a
// real VS Code against a loopback Bedrock: each starts a turn with the right context attached, and those
// that change code end in the diff editor on the proposed change.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import { MEAN_REFACTOR_PATCH, STATS_JS, STATS_MEAN_REFACTORED, STATS_PATH, STATS_TEST_JS, STATS_TEST_PATH } from '../support/review-scenario';
import { closeAllEditors, PATCH_SCHEME, patchDiffTabs, rewriteFile, workspaceFile } from './diff-tabs';
import { crosswind, waitFor } from './helpers';
import { useLoopbackBedrock, userText, type LoopbackBedrock } from './loopback-bedrock';

const ADD_TEST_PATCH = ['*** Begin Patch', `*** Add File: ${STATS_TEST_PATH}`, ...STATS_TEST_JS.trimEnd().split('\n').map((l) => `+${l}`), '*** End Patch'].join('\n');

describe('Editor commands that run a turn', function () {
  this.timeout(120_000);
  let services: ExtensionServices;
  let cloud: LoopbackBedrock;
  let diagnostics: vscode.DiagnosticCollection;
  const stats = () => workspaceFile(STATS_PATH);

  before(async () => {
    services = (await crosswind()).services;
    await services.engine.ready();
    cloud = await useLoopbackBedrock(services);
    diagnostics = vscode.languages.createDiagnosticCollection('crosswind-it');
  });
  after(async () => {
    diagnostics?.dispose();
    await closeAllEditors();
    await cloud?.close();
  });
  beforeEach(async () => {
    await closeAllEditors();
    diagnostics.clear();
    await rewriteFile(stats(), STATS_JS);
    workspaceFile(STATS_TEST_PATH).remove();
    await services.conversation.newThread();
  });

  /** Opens src/stats.js with lines `from`–`to` (1-based) of mean() selected. */
  async function selectLines(from: number, to: number): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(stats().uri);
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(from - 1, 0, to, 0);
    return editor;
  }

  /** The model's first answer proposes `patch`; after the review it says `closing`. */
  function scriptPatch(patch: string, closing = 'Understood.'): number {
    const before = cloud.server.requests.length;
    cloud.server.script([
      { steps: [{ type: 'text', text: 'Proposing the change.' }, { type: 'toolCall', name: 'apply_patch', input: { input: patch } }] },
      { steps: [{ type: 'text', text: closing }] },
    ]);
    return before;
  }

  /** The user's messages of the conversation the sidebar shows. */
  async function shownUserMessages(): Promise<string[]> {
    const { thread } = await services.engine.request('thread/resume', { threadId: services.conversation.activeThreadId! });
    return thread.items.flatMap((i) => (i.type === 'userMessage' ? [i.text] : []));
  }

  async function rejectShownPatch(): Promise<void> {
    const before = cloud.server.requests.length;
    await vscode.commands.executeCommand('crosswind.diff.rejectAll');
    await waitFor('the diff tab to close', () => patchDiffTabs().length === 0);
    await waitFor('the model to hear the rejection', () => cloud.server.requests.length === before + 1);
  }

  it('Refactor Selection sends the instruction with the selection and ends in the diff editor on the proposed change', async () => {
    const first = scriptPatch(MEAN_REFACTOR_PATCH);
    await selectLines(8, 10);
    await vscode.commands.executeCommand('crosswind.refactorSelection', 'return 0 for an empty list');
    const { input } = await waitFor('the diff editor', () => patchDiffTabs()[0]);
    assert.equal(input.modified.scheme, PATCH_SCHEME);
    assert.equal(input.original.toString(), stats().uri.toString());
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), STATS_MEAN_REFACTORED);
    const sent = userText(cloud.server.requests[first]);
    assert.match(sent, /Refactor the selected code: return 0 for an empty list\. Change only what is needed, in place\./);
    assert.match(sent, /return sum\(values\) \/ values\.length;/, 'the selected code is attached');
    assert.deepEqual(await shownUserMessages(), ['Refactor stats.js:8–10: return 0 for an empty list'], 'the conversation shows the command and what the user typed, not the prompt');
    assert.equal(stats().read(), STATS_JS, 'nothing is written before the review');
    await rejectShownPatch();
    assert.equal(stats().read(), STATS_JS);
  });

  it('Fix Problems in File attaches the file’s diagnostics and ends in the diff editor', async () => {
    const first = scriptPatch(MEAN_REFACTOR_PATCH);
    await selectLines(8, 10);
    diagnostics.set(stats().uri, [new vscode.Diagnostic(new vscode.Range(8, 2, 8, 38), 'Division by zero when values is empty', vscode.DiagnosticSeverity.Warning)]);
    await vscode.commands.executeCommand('crosswind.fixProblemsInFile');
    await waitFor('the diff editor', () => patchDiffTabs()[0]);
    assert.match(userText(cloud.server.requests[first]), /Division by zero when values is empty/);
    await rejectShownPatch();
  });

  it('Fix Problems in File starts no turn when the file has no problems (hints are not problems)', async () => {
    const before = cloud.server.requests.length;
    await selectLines(8, 10);
    // A hint, as the JavaScript service reports "declared but never read": not in the Problems panel, not a problem.
    diagnostics.set(stats().uri, [new vscode.Diagnostic(new vscode.Range(8, 2, 8, 8), "'x' is declared but its value is never read.", vscode.DiagnosticSeverity.Hint)]);
    await vscode.commands.executeCommand('crosswind.fixProblemsInFile');
    // The command has returned, and a command that starts a turn returns after turn/start was answered:
    // had it started one, the conversation would hold it now.
    const { thread } = await services.engine.request('thread/resume', { threadId: services.conversation.activeThreadId! });
    assert.deepEqual(thread.turns, [], 'no turn was started');
    assert.equal(cloud.server.requests.length, before);
  });

  it('Generate Tests ends in the diff editor on the new test file, compared with nothing', async () => {
    const first = scriptPatch(ADD_TEST_PATCH);
    await selectLines(8, 10);
    await vscode.commands.executeCommand('crosswind.generateTests');
    const { input } = await waitFor('the diff editor', () => patchDiffTabs()[0]);
    assert.equal(input.modified.path, `/${STATS_TEST_PATH}`);
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), '');
    assert.match(userText(cloud.server.requests[first]), /Write tests for the selected code/);
    await rejectShownPatch();
    assert.equal(workspaceFile(STATS_TEST_PATH).read(), undefined);
  });

  it('sends the chips the sidebar shows: one removed there is not sent (the host keeps no copy of its own)', async () => {
    const before = cloud.server.requests.length;
    cloud.server.script([{ steps: [{ type: 'text', text: 'It averages the values.' }] }]);
    await selectLines(8, 10);
    const sidebar = services.conversation.handlers();
    // The user attaches the file, then removes its chip in the sidebar (a change of the webview's alone).
    await sidebar.attach({ type: 'file' });
    await sidebar['turn/start']({ text: 'What does mean() do?', attachments: [] });
    await waitFor('the model request', () => cloud.server.requests.length === before + 1);
    assert.doesNotMatch(userText(cloud.server.requests[before]), /The user attached src\/stats\.js/);
  });

  it('Explain Selection answers in the sidebar and opens no diff', async () => {
    const first = cloud.server.requests.length;
    cloud.server.script([{ steps: [{ type: 'text', text: 'mean() divides the sum by the count.' }] }]);
    await selectLines(8, 10);
    await vscode.commands.executeCommand('crosswind.explainSelection');
    assert.equal(cloud.server.requests.length, first + 1);
    assert.match(userText(cloud.server.requests[first]), /Explain the selected code/);
    assert.deepEqual(await shownUserMessages(), ['Explain stats.js:8–10'], 'the conversation shows the command, not its prompt');
    assert.equal(patchDiffTabs().length, 0);
    assert.ok(services.view.visible, 'the sidebar shows the answer');
  });

  it('offers "Fix with Crosswind" on a diagnostic, from the engine, and it starts a turn with the problem attached', async () => {
    const before = cloud.server.requests.length;
    cloud.server.script([{ steps: [{ type: 'text', text: 'That division needs a guard.' }] }]);
    const editor = await selectLines(9, 9);
    const problem = new vscode.Diagnostic(new vscode.Range(8, 2, 8, 38), 'Possible division by zero', vscode.DiagnosticSeverity.Warning);
    diagnostics.set(stats().uri, [problem]);
    // The engine answers textDocument/codeAction for the diagnostics under the cursor.
    const actions = await waitFor('the quick fix', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, problem.range, vscode.CodeActionKind.QuickFix.value);
      return all?.find((a) => a.title === 'Fix with Crosswind');
    });
    assert.equal(actions.kind?.value, vscode.CodeActionKind.QuickFix.value);
    await vscode.commands.executeCommand(actions.command!.command, ...(actions.command!.arguments ?? []));
    await waitFor('the model request', () => cloud.server.requests.length === before + 1);
    const sent = userText(cloud.server.requests[before]);
    assert.match(sent, /Fix this problem\./);
    assert.match(sent, /line 9 warning: Possible division by zero/);
    assert.match(sent, /The user attached src\/stats\.js/);
    assert.deepEqual(await shownUserMessages(), ['Fix stats.js:9: Possible division by zero']);
  });
});
