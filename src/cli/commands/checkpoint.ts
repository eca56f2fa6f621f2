// `crosswind checkpoint list|restore`: the checkpoints `crosswind exec` took in a folder (one before each
// turn's first change), and putting the files back as one of them has them. A front end of the same
// engine as exec: the restore is atomic, journaled, audited and recorded in its thread.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { toErrorInfo } from '../../core/engine/errors';
import { EngineSettings, type CheckpointRestoreResult, type CheckpointSummary } from '../../protocol';
import { createCliEngine } from '../cli-engine';
import { EXIT_FAILED, EXIT_OK, InputError, UsageError, writeLine, type CliCommand, type CliIO } from '../command';
import { existingDirs } from '../exec/added-dirs';
import { sanitizingStream } from '../exec/terminal-text';

const USAGE = `Usage: crosswind checkpoint list [--cwd DIR] [--add-dir DIR…] [--json]
       crosswind checkpoint restore ID [--cwd DIR] [--add-dir DIR…] [--json]

list     This folder's checkpoints, newest first: each one's id, the turn it was taken before (or
         the restore it undoes), when, and the files a restore would change now.
restore  Puts the folder's files back as checkpoint ID has them: every file or none, journaled so a
         crash mid-way is finished on the next run. The files as they were just before are kept as
         a new checkpoint, so a restore can be undone. Exit code 1 when nothing was restored.

Checkpoints cover the folder's files except what .gitignore ignores, node_modules and similar
folders, protected files (.env, keys), symbolic links and files over 10 MB. They are kept in the
state folder ($XDG_STATE_HOME/crosswind/checkpoints), the newest 100 per folder.

Options:
  --cwd DIR      The folder (default: the current directory)
  --add-dir DIR  The other folders of a multi-root workspace, as given to crosswind exec (repeatable):
                 its checkpoints cover every folder and are kept apart from --cwd's alone
  --json         One JSON document on stdout`;

function parse(args: string[]): { sub: 'list' | 'restore'; id: string | undefined; cwd: string | undefined; addDirs: string[]; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { cwd: { type: 'string' }, 'add-dir': { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const [sub, id, ...extra] = parsed.positionals;
  if (sub !== 'list' && sub !== 'restore') throw new UsageError(sub ? `unknown subcommand '${sub}' (list or restore)` : 'say what to do: list or restore');
  if (sub === 'restore' && !id) throw new UsageError('restore needs a checkpoint ID (see `crosswind checkpoint list`)');
  if ((sub === 'list' && id) || extra.length) throw new UsageError('too many arguments');
  return { sub, id, cwd: parsed.values.cwd, addDirs: parsed.values['add-dir'] ?? [], json: parsed.values.json };
}

export const checkpointCommand: CliCommand = {
  name: 'checkpoint',
  summary: 'List the checkpoints taken in a folder, or restore one',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { sub, id, cwd: cwdFlag, addDirs, json } = parse(args);
    const cwd = path.resolve(io.cwd, cwdFlag ?? '.');
    const stat = await fs.stat(cwd).catch(() => null);
    if (!stat?.isDirectory()) throw new InputError(`--cwd ${cwdFlag ?? '.'}: ${stat ? 'not a directory' : 'no such directory'} (${cwd})`);
    const addedDirs = await existingDirs(addDirs, io.cwd);
    const { engine } = createCliEngine({ cwd, addedDirs, env: io.env, stderr: io.stderr, client: { notify: () => undefined, request: () => Promise.reject(new Error('nobody to ask')) } });
    engine.updateSettings(EngineSettings.parse({ trusted: true }));
    const out = json ? io.stdout : sanitizingStream(io.stdout);
    try {
      await engine.init();
      if (sub === 'list') {
        const { checkpoints } = await engine.listCheckpoints();
        if (json) writeLine(out, JSON.stringify({ workspace: cwd, checkpoints }));
        else printList(out, cwd, checkpoints);
        return EXIT_OK;
      }
      const result = await engine.restoreCheckpoint(id!);
      if (json) writeLine(out, JSON.stringify(result));
      else printRestore(out, result);
      return EXIT_OK;
    } catch (e) {
      const info = toErrorInfo(e);
      writeLine(io.stderr, `crosswind checkpoint: ${info.message}`);
      if (info.fix) writeLine(io.stderr, `  fix: ${info.fix}`);
      return EXIT_FAILED;
    } finally {
      await engine.shutdown();
    }
  },
};

function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

function printList(out: Writable, cwd: string, checkpoints: CheckpointSummary[]): void {
  if (!checkpoints.length) {
    writeLine(out, `No checkpoints for ${cwd}.`);
    return;
  }
  for (const c of checkpoints) {
    const what = c.kind === 'turn' ? `before “${c.label}”` : c.label;
    writeLine(out, `${c.id}  ${when(c.createdAt)}  ${what}  (thread ${c.threadId}, turn ${c.turnId})`);
    writeLine(out, `    ${c.files.length ? `restoring changes ${c.files.length} file${c.files.length === 1 ? '' : 's'}: ${c.files.slice(0, 20).join(', ')}${c.files.length > 20 ? ', …' : ''}` : 'the files are as it has them'}`);
  }
}

function printRestore(out: Writable, r: CheckpointRestoreResult): void {
  writeLine(out, r.changed.length ? `Restored ${r.checkpoint.id}: ${r.changed.length} file${r.changed.length === 1 ? '' : 's'} put back.` : `Restored ${r.checkpoint.id}: the files already were as it has them.`);
  for (const f of r.changed) writeLine(out, `  ${f.action === 'deleted' ? 'D' : f.action === 'created' ? 'A' : 'M'} ${f.path}`);
  if (r.notRestored.length) writeLine(out, `Not restored: ${r.notRestored.join(', ')}`);
  if (r.beforeRestoreId) writeLine(out, `To undo: crosswind checkpoint restore ${r.beforeRestoreId}`);
}
