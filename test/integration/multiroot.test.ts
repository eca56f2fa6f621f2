// A multi-root workspace in the real VS Code (the second integration window, a .code-workspace of the
// folders `app` and `lib`, both with a src/util.js — see run.ts): the engine is told every folder, a patch
// the model makes in the second folder shows in the diff editor against that folder's file, and applies
// there and nowhere else. In the one-folder window these tests skip themselves.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import type { Attachment, HostToWebview } from '../../src/protocol';
import { closeAllEditors, patchDiffTabs } from './diff-tabs';
import { crosswind, waitFor } from './helpers';
import { lastToolResult, useLoopbackBedrock, userText, type LoopbackBedrock } from './loopback-bedrock';

const LIB_UTIL = 'export function twice(n) {\n  return n * 2;\n}\n';
const APP_UTIL = "export function greet(name) {\n  return 'hello ' + name;\n}\n";
const PATCH = ['*** Begin Patch', '*** Update File: lib/src/util.js', '@@', '-  return n * 2;', '+  return n + n;', '*** End Patch'].join('\n');

describe('A multi-root workspace', function () {
  this.timeout(120_000);
  let services: ExtensionServices;
  let cloud: LoopbackBedrock;
  const folder = (name: string) => vscode.workspace.workspaceFolders!.find((f) => f.name === name)!;
  const file = (name: string) => path.join(folder(name).uri.fsPath, 'src', 'util.js');

  before(async function () {
    if ((vscode.workspace.workspaceFolders?.length ?? 0) < 2) this.skip();
    services = (await crosswind()).services;
    await services.engine.ready();
    cloud = await useLoopbackBedrock(services);
  });
  after(async () => {
    await closeAllEditors();
    await cloud?.close();
  });

  it('shows a patch in the second folder against that folder’s file, and applies it there', async () => {
    fs.writeFileSync(file('lib'), LIB_UTIL);
    await services.conversation.newThread();
    cloud.server.script([
      { steps: [{ type: 'toolCall', name: 'list_dir', input: { dir_path: '.' } }] },
      { steps: [{ type: 'text', text: 'Here is the change.' }, { type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const { threadId } = await services.conversation.startTurn('Make twice() add.');
    const entry = await waitFor('a pending patch', () => services.review.pending().find((p) => p.threadId === threadId));
    assert.deepEqual(entry.view.files.map((f) => f.path), ['lib/src/util.js']);
    // The model saw both folders at the root, and was told them in its system prompt.
    assert.match(lastToolResult(cloud.server.requests[1]), /Workspace folders: app → .*, lib → /);
    assert.match(JSON.stringify(cloud.server.requests[0]!.raw), /- lib → /);

    await vscode.commands.executeCommand('crosswind.openPatchDiff', threadId, entry.view.id, 'lib/src/util.js');
    const { input } = await waitFor('the diff editor', () => patchDiffTabs()[0]);
    assert.equal(input.original.toString(), vscode.Uri.file(file('lib')).toString(), 'the left side is the second folder’s file');
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), LIB_UTIL.replace('n * 2', 'n + n'));

    await services.review.applyAll(threadId, entry.view.id);
    await waitFor('the patch applied in the second folder', () => fs.readFileSync(file('lib'), 'utf8') === LIB_UTIL.replace('n * 2', 'n + n'));
    assert.equal(fs.readFileSync(file('app'), 'utf8'), APP_UTIL, 'the first folder’s file of the same name is untouched');
    await waitFor('the turn to end', () => cloud.server.requests.length >= 3);
    assert.match(lastToolResult(cloud.server.requests[2]), /lib\/src\/util\.js/);
  });

  it('offers files of both folders as @-mentions by folder name, and a mention of the second folder’s file reaches the model', async () => {
    fs.writeFileSync(file('lib'), LIB_UTIL);
    const posted: HostToWebview[] = [];
    const view = services.view;
    const post = view.post.bind(view);
    view.post = (message) => {
      posted.push(message);
      return post(message);
    };
    try {
      const handlers = services.conversation.handlers();
      await handlers.searchMentions({ requestId: 501, query: 'util' });
      const answer = posted.find((m): m is Extract<HostToWebview, { type: 'mentions' }> => m.type === 'mentions' && m.requestId === 501);
      const paths = (answer?.suggestions ?? []).flatMap((s) => (s.mention.kind === 'file' ? [s.mention.path] : []));
      assert.ok(paths.includes('app/src/util.js') && paths.includes('lib/src/util.js'), JSON.stringify(paths));
      await handlers.attachMention({ mention: { kind: 'file', path: 'lib/src/util.js' } });
      const attached = posted.flatMap((m): Attachment[] => (m.type === 'attached' ? [m.attachment] : []));
      assert.deepEqual(attached, [{ type: 'file', path: 'lib/src/util.js' }]);
      await services.conversation.newThread();
      const before = cloud.server.requests.length;
      cloud.server.script([{ steps: [{ type: 'text', text: 'It doubles.' }] }]);
      await services.conversation.startTurn('What does @util.js do?', attached);
      await waitFor('the model request', () => cloud.server.requests.length > before);
      const sent = userText(cloud.server.requests[before]);
      assert.ok(sent.includes('The user attached lib/src/util.js:') && sent.includes('return n * 2;'), sent);
    } finally {
      view.post = post;
    }
  });

  it('restarts the engine with a folder added while it runs: the model reaches the new folder, and no longer once it is removed', async () => {
    const extraRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-extra-'));
    const extra = path.join(extraRoot, 'extra');
    fs.mkdirSync(extra);
    fs.writeFileSync(path.join(extra, 'notes.txt'), 'EXTRA-FOLDER-TEXT\n');
    const pid = services.engine.pid;
    const folderChange = () =>
      new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => {
          sub.dispose();
          resolve();
        });
      });
    const added = folderChange();
    assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: vscode.Uri.file(extra) }));
    await added;
    const readNotes = async (): Promise<string> => {
      // The restarted engine has the settings (and the loopback profile) once SettingsSync pushed them.
      await waitFor('the restarted engine to know the loopback profile', () =>
        services.engine.request('provider/test', { profile: 'it-bedrock' }).then(
          () => true,
          () => false,
        ),
      );
      await services.conversation.newThread();
      const before = cloud.server.requests.length;
      cloud.server.script([{ steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'extra/notes.txt' } }] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
      await services.conversation.startTurn('Read the notes of the new folder.');
      await waitFor('the tool result', () => cloud.server.requests.length >= before + 2);
      return lastToolResult(cloud.server.requests[before + 1]);
    };
    try {
      await waitFor('the engine to restart with the new folder', () => services.engine.state === 'running' && services.engine.pid !== undefined && services.engine.pid !== pid, 60_000);
      assert.match(await readNotes(), /EXTRA-FOLDER-TEXT/);
      const withExtra = services.engine.pid;
      const removed = folderChange();
      vscode.workspace.updateWorkspaceFolders(2, 1);
      await removed;
      await waitFor('the engine to restart without it', () => services.engine.state === 'running' && services.engine.pid !== undefined && services.engine.pid !== withExtra, 60_000);
      assert.match(await readNotes(), /'extra' is not a workspace folder/);
    } finally {
      if ((vscode.workspace.workspaceFolders?.length ?? 0) > 2) {
        const removed = folderChange();
        vscode.workspace.updateWorkspaceFolders(2, 1);
        await removed;
      }
      fs.rmSync(extraRoot, { recursive: true, force: true });
    }
    assert.equal(vscode.workspace.workspaceFolders?.length, 2);
  });
});
