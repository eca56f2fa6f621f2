// package.json against the code: every setting the extension reads is declared, with the engine's own
// defaults, and the settings a malicious workspace could abuse are restricted in Restricted Mode.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SECURITY_SETTINGS } from '../../../src/extension/settings/security-settings';
import { WALKTHROUGH_KEYS } from '../../../src/extension/walkthrough-keys';
import { EngineSettings } from '../../../src/protocol';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, { default?: unknown; scope?: string; markdownDescription?: string }> };
    commands: { command: string }[];
    walkthroughs: { steps: { id: string; media: { markdown?: string }; description: string; completionEvents?: string[] }[] }[];
    menus: Record<string, { command?: string; when?: string }[]>;
  };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};
const properties = pkg.contributes.configuration.properties;

function settingsReadBy(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [
    ...text.matchAll(/\bc\.(?:get|inspect)<[^>]*>\('([^']+)'/g),
    ...text.matchAll(/\bc\.(?:get|inspect)\('([^']+)'/g),
    // Security settings, read from user settings only.
    ...text.matchAll(/\bsecure(?:<[^>]*>)?\('([^']+)'/g),
  ].map((m) => `crosswind.${m[1]}`);
}

describe('package.json contributes', () => {
  it('declares every crosswind.* setting the extension reads, each with a description', () => {
    const read = new Set([...settingsReadBy('src/extension/settings/engine-settings.ts'), 'crosswind.profiles', 'crosswind.activeProfile', 'crosswind.audit.path']);
    assert.ok(read.size >= 14, [...read].join(', '));
    for (const key of read) {
      assert.ok(properties[key], `${key} is read but not declared`);
      assert.ok(properties[key]!.markdownDescription, `${key} has no description`);
    }
  });

  it('uses the engine’s defaults', () => {
    const defaults = EngineSettings.parse({});
    assert.deepEqual(properties['crosswind.protectedFiles']?.default, defaults.protectedPaths);
    assert.equal(properties['crosswind.retry.maxAttempts']?.default, defaults.retry.maxAttempts);
    assert.equal(properties['crosswind.retry.baseDelayMs']?.default, defaults.retry.baseDelayMs);
    assert.equal(properties['crosswind.retry.maxDelayMs']?.default, defaults.retry.maxDelayMs);
    // One default deny list for the editor and the CLI.
    assert.deepEqual(properties['crosswind.commands.deny']?.default, defaults.commandDeny);
  });

  it('restricts, in Restricted Mode, what a workspace could abuse, and takes security settings from user/machine settings only', () => {
    const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['crosswind.commands.allow', 'crosswind.shell.passCloudCredentials', 'crosswind.audit.path', 'crosswind.profiles', 'crosswind.approvalPolicy']) {
      assert.ok(restricted.includes(key), `${key} is not restricted`);
    }
    for (const key of restricted) assert.ok(properties[key], `${key} is restricted but not declared`);
    // "machine": user or remote-machine settings, never a workspace's (a patch could write those).
    for (const key of SECURITY_SETTINGS.map((k) => `crosswind.${k}`)) {
      assert.equal(properties[key]?.scope, 'machine', key);
      assert.ok(restricted.includes(key), `${key} is not restricted`);
    }
  });

  it('has a walkthrough whose media files exist and whose buttons are declared commands', () => {
    const commands = new Set(pkg.contributes.commands.map((c) => c.command));
    const steps = pkg.contributes.walkthroughs.flatMap((w) => w.steps);
    assert.ok(steps.length >= 4);
    for (const step of steps) {
      assert.ok(step.media.markdown && fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      for (const m of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(commands.has(m[1]!) || m[1]!.endsWith('.focus'), `walkthrough button ${m[1]} is not a declared command`);
      }
    }
  });

  it('marks every walkthrough step done from state that already exists: a context key the extension sets, not only an event seen while the walkthrough is open', () => {
    const keys = new Set<string>(Object.values(WALKTHROUGH_KEYS));
    const steps = pkg.contributes.walkthroughs.flatMap((w) => w.steps);
    for (const step of steps) {
      const contexts = (step.completionEvents ?? []).filter((e) => e.startsWith('onContext:')).map((e) => e.slice('onContext:'.length));
      assert.ok(contexts.length > 0, `${step.id} is done only by an event: ${(step.completionEvents ?? []).join(', ')}`);
      // Every crosswind.* key an expression names is one the extension sets (the others are VS Code's own).
      for (const key of contexts.flatMap((c) => c.match(/\bcrosswind\.[\w.]+/g) ?? [])) assert.ok(keys.has(key), `${step.id}: the extension never sets ${key}`);
      // VS Code never checks off a step whose key was already true when it registered the walkthrough,
      // which it does only when the walkthrough first opens: each key also counts with the page shown.
      for (const c of contexts) assert.ok(contexts.includes(`${c} && activeEditor == 'gettingStartedPage'`) || c.includes('activeEditor'), `${step.id}: ${c} alone never completes a step whose state existed before`);
    }
    const byId = new Map(steps.map((s) => [s.id, s.completionEvents ?? []]));
    assert.ok(byId.get('chooseCloud')?.includes('onContext:crosswind.hasProfile'), 'a configured profile completes "Choose your cloud"');
    assert.ok(byId.get('seeCost')?.includes('onContext:crosswind.costReportOpened'), 'an opened cost report completes "See what it costs"');
  });

  it('offers one New conversation and one way to the provider picker in the sidebar', () => {
    const titleCommands = (pkg.contributes.menus['view/title'] ?? []).filter((m) => m.when?.includes('crosswind.conversation')).map((m) => m.command);
    // The sidebar's own header has New conversation and the provider button, always visible.
    assert.ok(!titleCommands.includes('crosswind.newConversation'), 'a second "+" in the view title');
    assert.ok(!titleCommands.includes('crosswind.selectProvider'), 'a second way to the picker in the view title');
  });
});
