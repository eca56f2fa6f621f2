// The extension in a real VS Code: activation, contributions, the view, and the engine process.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { crosswind, EXTENSION_ID, waitFor } from './helpers';

describe('Crosswind in a real VS Code', () => {
  it('activates', async () => {
    const api = await crosswind();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(api.activationMs > 0 && api.activationMs < 5000, `activation took ${api.activationMs} ms`);
    // The services load right after activation, without anything asking for them.
    await waitFor('the services to load after activation', () => api.servicesMs !== undefined);
  });

  it('registers every command it declares, and each has an implementation', async () => {
    const api = await crosswind();
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
    const implemented = new Set(api.implementedCommands);
    const unimplemented = declared.filter((c) => !implemented.has(c));
    assert.deepEqual(unimplemented, [], `declared without an implementation: ${unimplemented.join(', ')}`);
    const undeclared = api.implementedCommands.filter((c) => !declared.includes(c));
    assert.deepEqual(undeclared, [], `implemented but not declared in package.json: ${undeclared.join(', ')}`);
    for (const title of ['New Conversation', 'Select Provider…', 'Refactor Selection…', 'Review Pending Patches', 'Show Audit Log', 'Show Cost Report']) {
      const c = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { title: string; category?: string }[] } }).contributes.commands.find((x) => x.title === title);
      assert.equal(c?.category, 'Crosswind', title);
    }
  });

  it('resolves the conversation view when it is opened', async () => {
    const { services } = await crosswind();
    await vscode.commands.executeCommand('crosswind.conversation.focus');
    await waitFor('the view to resolve', () => services.view.isResolved);
  });

  it('starts the engine process, which answers initialize with the protocol version', async () => {
    const { services } = await crosswind();
    await services.engine.ready();
    const caps = services.engine.capabilities;
    assert.ok(caps, 'no capabilities from the engine');
    assert.equal(caps.protocolVersion, 1);
    assert.ok(caps.tools.includes('apply_patch'));
    assert.ok(services.engine.pid, 'no engine pid');
  });

  it('restarts the engine when its process dies, and it answers again', async () => {
    const { services } = await crosswind();
    await services.engine.ready();
    const pid = services.engine.pid!;
    process.kill(pid, 'SIGKILL');
    await waitFor('a new engine process', () => services.engine.pid !== undefined && services.engine.pid !== pid && services.engine.state === 'running', 30_000);
    const { threads } = await services.engine.request('thread/list', {});
    assert.ok(Array.isArray(threads));
  });
});
