// `crosswind apply-patch`: applies a Codex patch (or a unified diff) to a folder, all or nothing, and
// answers like Codex's apply_patch: its summary on success, its error wording on failure. Unlike Codex,
// a failure leaves the folder exactly as it was, and a chunk that does not match is reported with the
// lines that came closest.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { EXIT_FAILED, EXIT_OK, InputError, UsageError, writeLine, type CliCommand, type CliIO } from '../command';
import { FsWorkspace } from '../../host/fs-workspace';
import { decodeUtf8, parsePatch, PatchError, planPatch, planToWrites, summarize } from '../../patch';

const USAGE = `Usage: crosswind apply-patch [--cwd DIR] [PATCH]

Applies a patch in Codex's apply_patch format (*** Begin Patch … *** End Patch), or a unified diff,
to the files under DIR (default: the current directory). The patch is read from standard input, or
taken from the PATCH argument when one is given.

Every file is checked and every change computed before anything is written: if any part of the patch
fails, no file is changed. Paths must stay inside DIR.

Exit status: 0 when applied (a summary is printed), 1 when not (the reason is on standard error),
2 for bad arguments.`;

export const applyPatchCommand: CliCommand = {
  name: 'apply-patch',
  summary: 'Apply a Codex-format patch or a unified diff to a folder, all or nothing',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { cwd, patch } = parseArgs(args);
    const dir = path.resolve(io.cwd, cwd ?? '.');
    const stat = await fs.stat(dir).catch(() => null);
    if (!stat?.isDirectory()) throw new InputError(`--cwd ${cwd ?? '.'}: ${stat ? 'not a directory' : 'no such directory'} (${dir})`);
    const workspace = new FsWorkspace(dir);
    try {
      const text = patch ?? (await readPatchFromStdin(io.stdin));
      const plan = await planPatch(parsePatch(text), (p) => workspace.read(p), { root: workspace.root });
      const outcome = await workspace.write(planToWrites(plan));
      if (!outcome.ok) {
        writeLine(io.stderr, outcome.reason);
        return EXIT_FAILED;
      }
      writeLine(io.stdout, summarize(plan).join('\n'));
      return EXIT_OK;
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      writeLine(io.stderr, e.message);
      if (e.hint) writeLine(io.stderr, e.hint);
      return EXIT_FAILED;
    }
  },
};

function parseArgs(args: string[]): { cwd?: string; patch?: string } {
  let cwd: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--cwd') {
      if (i + 1 >= args.length) throw new UsageError('--cwd needs a directory');
      cwd = args[++i];
    } else if (arg.startsWith('--cwd=')) {
      cwd = arg.slice('--cwd='.length);
    } else if (arg.startsWith('-') && arg !== '-' && !arg.includes('\n')) {
      // A patch argument is never mistaken for an option: patches span several lines.
      throw new UsageError(`unknown option '${arg}'`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length > 1) throw new UsageError('expected at most one PATCH argument');
  const patch = positional[0];
  return { ...(cwd === undefined ? {} : { cwd }), ...(patch === undefined || patch === '-' ? {} : { patch }) };
}

async function readPatchFromStdin(stdin: Readable): Promise<string> {
  if ((stdin as { isTTY?: boolean }).isTTY) throw new UsageError('give the patch on standard input or as the PATCH argument');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  const decoded = decodeUtf8(Buffer.concat(chunks));
  if (typeof decoded !== 'string') throw new PatchError('invalidPatch', `Invalid patch: the patch on standard input could not be read: ${decoded.reason}`);
  return decoded;
}
