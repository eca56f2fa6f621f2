// @-mentions in a real VS Code (code-server) against a loopback Bedrock: the host answers the sidebar's
// `searchMentions` with a real workspace file and a real symbol (from the TypeScript language features),
// a picked file becomes an attachment whose content the model receives, the workspace's problems, a
// dropped folder and a terminal's last output are attached, and a web page is fetched only after the user
// agreed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import type { Attachment, HostToWebview, MentionSuggestion } from '../../src/protocol';
import { closeAllEditors, workspaceFile } from './diff-tabs';
import { crosswind, waitFor } from './helpers';
import { useLoopbackBedrock, userText, type LoopbackBedrock } from './loopback-bedrock';

const DIR = 'mention-demo';
const LEXER = `${DIR}/lexer.js`;
const LEXER_JS = "// Splits source text into tokens.\nfunction tokenizeSourceText(text) {\n  return text.split(/\\s+/).filter(Boolean);\n}\n\nmodule.exports = { tokenizeSourceText };\n";
const NOTES = `${DIR}/docs/notes.md`;

describe('@-mentions in the sidebar', function () {
  this.timeout(180_000);
  let services: ExtensionServices;
  let cloud: LoopbackBedrock;
  let posted: HostToWebview[] = [];
  let restorePost: (() => void) | undefined;
  let diagnostics: vscode.DiagnosticCollection | undefined;

  before(async () => {
    services = (await crosswind()).services;
    await services.engine.ready();
    cloud = await useLoopbackBedrock(services);
    workspaceFile(LEXER).write(LEXER_JS);
    workspaceFile(NOTES).write('# notes\n');
    // What the host posts to the sidebar, recorded (and still delivered).
    const view = services.view;
    const post = view.post.bind(view);
    view.post = (message) => {
      posted.push(message);
      return post(message);
    };
    restorePost = () => {
      view.post = post;
    };
  });
  after(async () => {
    restorePost?.();
    diagnostics?.dispose();
    services.conversation.urlConsent = undefined;
    await closeAllEditors();
    fs.rmSync(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, DIR), { recursive: true, force: true });
    await cloud?.close();
  });
  beforeEach(() => {
    posted = [];
  });

  const handlers = () => services.conversation.handlers();
  async function search(query: string, requestId: number): Promise<MentionSuggestion[]> {
    await handlers().searchMentions({ requestId, query });
    const answer = posted.find((m): m is Extract<HostToWebview, { type: 'mentions' }> => m.type === 'mentions' && m.requestId === requestId);
    assert.ok(answer, `the host answered searchMentions ${requestId}`);
    assert.equal(answer.query, query);
    return answer.suggestions;
  }
  const attached = (): Attachment[] => posted.flatMap((m) => (m.type === 'attached' ? [m.attachment] : []));

  it('suggests a real workspace file and symbol; the picked file’s content reaches the model', async () => {
    const files = await search('lexer', 1);
    const file = files.find((s) => s.mention.kind === 'file');
    assert.deepEqual(file, { mention: { kind: 'file', path: LEXER }, label: 'lexer.js', detail: DIR }, JSON.stringify(files));
    assert.ok(!files.some((s) => s.mention.kind === 'file' && s.mention.path.includes('node_modules')), 'excluded files are not offered');
    const folders = await search('mention-d', 2);
    assert.deepEqual(folders[0], { mention: { kind: 'folder', path: DIR }, label: `${DIR}/` });

    // The TypeScript language features index the file once it is open; ask until they answer.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile(LEXER).uri));
    let requestId = 10;
    const symbol = await waitFor(
      'the workspace symbol provider to find tokenizeSourceText',
      // TypeScript names a function "tokenizeSourceText()" in workspace symbols.
      async () => (await search('tokenizeSource', ++requestId)).find((s) => s.mention.kind === 'symbol' && /^tokenizeSourceText(\(\))?$/.test(s.label)),
      90_000,
    ).catch(async (e: unknown) => {
      // Say what the language features answered, so a failure here tells a missing provider from a bad ranking.
      const ts = vscode.extensions.getExtension('vscode.typescript-language-features');
      const direct = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'tokenizeSource');
      const inDoc = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', workspaceFile(LEXER).uri);
      throw new Error(`${String(e)}; typescript-language-features: ${ts ? `active=${ts.isActive}` : 'missing'}; workspace symbols: ${JSON.stringify(direct?.map((d) => [d.name, d.location.uri.toString()]))}; document symbols: ${JSON.stringify(inDoc?.length)}`);
    });
    assert.deepEqual(symbol.mention, { kind: 'symbol', name: symbol.label, symbolKind: 'function', path: LEXER, startLine: 2, endLine: 4 });
    assert.equal(symbol.detail, `Function in ${LEXER}`);
    await handlers().attachMention({ mention: symbol.mention });
    const sym = attached()[0];
    assert.equal(sym?.type === 'symbol' && sym.text, "function tokenizeSourceText(text) {\n  return text.split(/\\s+/).filter(Boolean);\n}");

    posted = [];
    await handlers().attachMention({ mention: file!.mention });
    assert.deepEqual(attached(), [{ type: 'file', path: LEXER }]);
    await services.conversation.newThread();
    const before = cloud.server.requests.length;
    cloud.server.script([{ steps: [{ type: 'text', text: 'It splits on whitespace.' }] }]);
    const { threadId } = await services.conversation.startTurn('What does @lexer.js do?', attached());
    await waitFor('the model request', () => cloud.server.requests.length > before);
    const sent = userText(cloud.server.requests[before]);
    assert.ok(sent.includes('What does @lexer.js do?'), sent);
    assert.ok(sent.includes(`The user attached ${LEXER}:`) && sent.includes('return text.split(/\\s+/).filter(Boolean);'), sent);
    await waitFor('the turn to finish', async () => (await services.engine.request('thread/resume', { threadId })).thread.turns.at(-1)?.status === 'completed');
  });

  it('attaches the workspace’s problems and a folder dropped from the Explorer', async () => {
    diagnostics = vscode.languages.createDiagnosticCollection('crosswind-it-mentions');
    diagnostics.set(workspaceFile(LEXER).uri, [
      new vscode.Diagnostic(new vscode.Range(2, 2, 2, 8), 'Mentioned error', vscode.DiagnosticSeverity.Error),
      new vscode.Diagnostic(new vscode.Range(0, 0, 0, 2), 'Only a hint', vscode.DiagnosticSeverity.Hint),
    ]);
    const problems = (await search('prob', 30)).find((s) => s.mention.kind === 'problems');
    assert.match(problems?.detail ?? '', /[1-9]\d* errors/);
    await handlers().attachMention({ mention: { kind: 'problems' } });
    const got = attached()[0];
    assert.ok(got?.type === 'problems', JSON.stringify(got));
    assert.ok(got.problems.some((p) => p.path === LEXER && p.line === 3 && p.severity === 'error' && p.message === 'Mentioned error'), JSON.stringify(got));
    assert.ok(!got.problems.some((p) => p.message === 'Only a hint'), 'hints are not problems');

    posted = [];
    const folderUri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, DIR).toString();
    await handlers().attachDropped({ uris: [folderUri, 'file:///etc/hostname'] });
    assert.deepEqual(attached(), [{ type: 'folder', path: DIR, entries: ['docs/notes.md', 'lexer.js'], truncated: false }], 'the folder, not the file outside the workspace');
  });

  it('attaches the active terminal’s last command and its output, read through shell integration', async () => {
    const terminal = vscode.window.createTerminal({ name: 'crosswind-it mentions', shellPath: '/bin/bash', env: { MENTION_TOKEN: 'sk-proj-abcdefghijklmnopqrstuvwxyz012345' } });
    try {
      terminal.show();
      const integration = await waitFor('shell integration in the terminal', () => terminal.shellIntegration, 60_000);
      await waitFor('the terminal to be the active one', () => vscode.window.activeTerminal === terminal);
      const ended = new Promise<void>((resolve) => {
        const sub = vscode.window.onDidEndTerminalShellExecution((e) => {
          if (e.terminal !== terminal) return;
          sub.dispose();
          resolve();
        });
      });
      // Output can only be read from the moment VS Code reports the command started, and for an instant
      // command that report can come after the output (then nothing is readable): the pause makes the
      // output come after it, as for any command that takes a moment.
      integration.executeCommand('sleep 1; echo "answer: $((6*7))"; echo "key $MENTION_TOKEN"');
      await ended;
      const entry = await waitFor('the Terminal entry to be enabled', async () => (await search('term', 50)).find((s) => s.mention.kind === 'terminal' && !s.disabled));
      assert.match(entry.detail ?? '', /echo "answer/);
      await handlers().attachMention({ mention: { kind: 'terminal' } });
      const got = attached()[0];
      assert.ok(got?.type === 'terminal', JSON.stringify(got));
      assert.equal(got.terminal, 'crosswind-it mentions');
      assert.match(got.command, /^sleep 1; echo "answer: \$\(\(6\*7\)\)"/);
      assert.equal(got.exitCode, 0);
      assert.match(got.output, /answer: 42/);
      assert.ok(!got.output.includes('abcdefghijklmnopqrstuvwxyz012345'), `the key is redacted: ${got.output}`);
      assert.ok(!got.output.includes('\u001b'), 'no escape sequences');
    } finally {
      terminal.dispose();
    }
  });

  it('fetches a web page only after the user agreed, and attaches its text', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><script>var x = 1;</script></head><body><h1>Release notes</h1><p>Version 2 &amp; more.</p></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notes`;
    try {
      const [suggestion] = await search(url, 40);
      assert.deepEqual(suggestion?.mention, { kind: 'url', url });
      const asked: string[] = [];
      let requests = 0;
      server.on('request', () => requests++);
      services.conversation.urlConsent = async (u) => (asked.push(u), false);
      await handlers().attachMention({ mention: { kind: 'url', url } });
      assert.deepEqual(asked, [url]);
      assert.equal(requests, 0, 'declined: nothing was fetched');
      assert.deepEqual(attached(), []);

      services.conversation.urlConsent = async () => true;
      await handlers().attachMention({ mention: { kind: 'url', url } });
      assert.deepEqual(attached(), [{ type: 'url', url, text: 'Release notes\n\nVersion 2 & more.' }]);
    } finally {
      services.conversation.urlConsent = undefined;
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a page that redirects to another site is fetched only if the user agrees to that site too', async () => {
    const elsewhere = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('from the other site');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/landing`;
    const server = http.createServer((req, res) => {
      // Same origin first (followed without asking), then off to another origin (asked again).
      res.writeHead(302, { location: req.url === '/short' ? '/moved' : target });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/short`;
    let reachedElsewhere = 0;
    elsewhere.on('request', () => reachedElsewhere++);
    try {
      const asked: string[] = [];
      services.conversation.urlConsent = async (u) => (asked.push(u), u === url);
      await handlers().attachMention({ mention: { kind: 'url', url } });
      assert.deepEqual(asked, [url, target], 'asked for the page, then again for the site it redirects to');
      assert.equal(reachedElsewhere, 0, 'declined: the other site was not contacted');
      assert.deepEqual(attached(), []);

      services.conversation.urlConsent = async () => true;
      await handlers().attachMention({ mention: { kind: 'url', url } });
      assert.deepEqual(attached(), [{ type: 'url', url, text: 'from the other site' }]);
    } finally {
      services.conversation.urlConsent = undefined;
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });
});
