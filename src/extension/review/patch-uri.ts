// Addresses of the documents the diff editor shows for a patch: `crosswind-patch:/<path>?…`.
// The path is the file's workspace path, so the document gets the file's language (highlighting) and the
// tab its name; the query says which patch and which side: `proposed` is the text with every hunk of the
// file applied, `original` the text the patch was proposed against (empty for a file it adds).
import * as vscode from 'vscode';

export const PATCH_SCHEME = 'crosswind-patch';

export type PatchSide = 'proposed' | 'original';

/** One file of one patch. `path` is the file's path as the patch names it (before a move). */
export interface PatchFileRef {
  threadId: string;
  patchId: string;
  path: string;
}

export function patchUri(ref: PatchFileRef, side: PatchSide = 'proposed'): vscode.Uri {
  const query = new URLSearchParams({ thread: ref.threadId, patch: ref.patchId, side }).toString();
  return vscode.Uri.from({ scheme: PATCH_SCHEME, path: `/${ref.path}`, query });
}

export function parsePatchUri(uri: vscode.Uri): (PatchFileRef & { side: PatchSide }) | undefined {
  if (uri.scheme !== PATCH_SCHEME) return undefined;
  const q = new URLSearchParams(uri.query);
  const threadId = q.get('thread');
  const patchId = q.get('patch');
  const side = q.get('side') === 'original' ? 'original' : 'proposed';
  if (!threadId || !patchId) return undefined;
  return { threadId, patchId, path: uri.path.replace(/^\//, ''), side };
}
