// The checkpoint scenario the CLI tests share: a workspace with text (CRLF, BOM), binary, executable,
// ignored and node_modules files, and one `crosswind exec` turn (loopback Bedrock playing the model) that
// patches some and runs a sandboxed command that writes, deletes and chmods others.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AttackLab } from '../../support/exec-attack';
import { runCli, type CliRun } from '../cli/run-cli';
import type { Tree } from './tree';

const PATCH = [
  '*** Begin Patch',
  '*** Update File: a.txt',
  '@@',
  ' one',
  '+two',
  '*** Add File: src/new.txt',
  '+brand new',
  '*** Delete File: keep/old.txt',
  '*** End Patch',
].join('\n');
/** Writes a binary file, overwrites one, deletes an executable, changes a mode, appends to an ignored file. */
const COMMAND = ['sh', '-c', "printf '\\000\\001\\377' > out.bin && printf z > bin.dat && rm run.sh && chmod 600 a.txt && echo more >> ignored.log && echo dep > node_modules/dep.js"];

export interface Listed {
  id: string;
  kind: string;
  turnId: string;
  threadId: string;
  label: string;
  files: string[];
  fileCount: number;
  notCovered: string[];
}

export function seedRepo(repo: string): void {
  fs.writeFileSync(path.join(repo, 'a.txt'), 'one\r\n');
  fs.writeFileSync(path.join(repo, 'bin.dat'), Buffer.from([0, 1, 2, 255, 254]));
  fs.writeFileSync(path.join(repo, 'run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
  fs.chmodSync(path.join(repo, 'run.sh'), 0o755);
  fs.mkdirSync(path.join(repo, 'keep'));
  fs.writeFileSync(path.join(repo, 'keep', 'old.txt'), '\uFEFFbom and all\n');
  fs.writeFileSync(path.join(repo, '.gitignore'), 'ignored.log\n');
  fs.writeFileSync(path.join(repo, 'ignored.log'), 'log\n');
  fs.mkdirSync(path.join(repo, 'node_modules'));
  fs.writeFileSync(path.join(repo, 'node_modules', 'lib.js'), 'lib\n');
}

/** One exec turn in full-auto: the patch, the command, then a closing answer. */
export async function runTurn(lab: AttackLab): Promise<void> {
  lab.cloud.script([
    { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH }, callId: 'p1' }] },
    { steps: [{ type: 'toolCall', name: 'shell', input: { command: COMMAND, timeout_ms: 20_000 }, callId: 'c1' }] },
    { steps: [{ type: 'text', text: 'Done.' }] },
  ]);
  const run = await lab.exec(['--approval', 'full-auto', 'Change things\nsecond line']);
  assert.equal(run.code, 0, run.stderr);
  const cmd = AttackLab.commands(run)[0];
  assert.equal(cmd?.status, 'completed', JSON.stringify(cmd));
}

export function checkpointCli(lab: AttackLab, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['checkpoint', ...args], { env: { ...lab.env, ...env }, cwd: lab.repo });
}

export async function listed(lab: AttackLab): Promise<Listed[]> {
  const r = await checkpointCli(lab, ['list', '--json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { checkpoints: Listed[] }).checkpoints;
}

/** The tree without what a checkpoint does not cover (the ignored file, node_modules). */
export function covered(tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).filter(([p]) => p !== 'ignored.log' && !p.startsWith('node_modules/')));
}

