// package.json against the code: every setting the extension reads is declared, with the engine's own
// defaults, and the settings a malicious workspace could abuse are restricted in Restricted Mode.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SECURITY_SETTINGS } from '../../../src/extension/settings/security-settings';
import { EngineSettings } from '../../../src/protocol';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, { default?: unknown; scope?: string; markdownDescription?: string }> };
    commands: { command: string }[];
    walkthroughs: { steps: { media: { markdown?: string }; description: string }[] }[];
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
});
