// Shared helpers for the patch engine tests: an in-memory workspace and the location of the Codex suite.
import fs from 'node:fs';
import path from 'node:path';
import { parsePatch, planPatch, planToWrites, type HunkSelection, type PatchFileRead, type PatchPlan, type PatchReader } from '../../../src/patch';

export type MemoryFile = string | Uint8Array | { directory: true };
export type MemoryTree = Record<string, MemoryFile>;

export const ROOT = '/ws';

/** A reader over an in-memory tree; strings are stored as UTF-8 bytes, as they would be on disk. */
export function memoryReader(tree: MemoryTree): PatchReader {
  return async (p: string): Promise<PatchFileRead> => {
    const entry = tree[p];
    if (entry === undefined) {
      const isParent = Object.keys(tree).some((k) => k.startsWith(p + '/'));
      return isParent ? { kind: 'directory' } : { kind: 'missing' };
    }
    if (typeof entry === 'string') return { kind: 'bytes', bytes: new Uint8Array(Buffer.from(entry, 'utf8')) };
    if (entry instanceof Uint8Array) return { kind: 'bytes', bytes: entry };
    return { kind: 'directory' };
  };
}

/** Plans the patch against the tree and applies the writes to a copy of it (BOM written as U+FEFF). */
export async function applyInMemory(
  tree: MemoryTree,
  patch: string,
  selection?: HunkSelection,
): Promise<{ plan: PatchPlan; tree: Record<string, string> }> {
  const plan = await planPatch(parsePatch(patch), memoryReader(tree), { root: ROOT });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) if (typeof v === 'string') out[k] = v;
  for (const w of planToWrites(plan, selection)) {
    if (w.op === 'write') out[w.path] = (w.bom ? '\uFEFF' : '') + w.text;
    else delete out[w.path];
  }
  return { plan, tree: out };
}

/** The peer conformance suite, when the shared folder is beside the repository (or $CROSSWIND_SHARED). */
export function codexSuite(): string | null {
  const shared = process.env.CROSSWIND_SHARED ?? path.resolve(__dirname, '../../../../shared');
  const suite = path.join(shared, 'conformance/codex-apply-patch');
  return fs.existsSync(path.join(suite, 'scenarios')) ? suite : null;
}

/** Skips the calling suite, saying so on the console, when the Codex suite is absent. */
export function requireCodexSuite(ctx: Mocha.Context): string {
  const suite = codexSuite();
  if (!suite) {
    console.log('    conformance: SKIPPED — ../shared/conformance/codex-apply-patch not found');
    ctx.skip();
  }
  return suite as string;
}
