// Accept / Reject above each hunk of the proposed side of the review diff, showing the hunk's current
// decision. Positions come from the hunk headers (newStart is 1-based in the proposed text); the lens sits
// on the hunk's first changed line rather than on its leading context.
import * as vscode from 'vscode';
import { type HunkDecision, type PatchFile, type PatchHunk } from '../../protocol';
import { hunkAnchorLine, hunkRange, hunkTitle } from '../../shared';
import { Disposable } from '../disposable';
import type { PatchReview } from './patch-review';
import { parsePatchUri, PATCH_SCHEME, type PatchFileRef } from './patch-uri';

export const DECIDE_HUNK_COMMAND = 'crosswind.diff.decideHunk';

/** Arguments of the lens command. */
export interface HunkDecisionArgs extends PatchFileRef {
  hunk: number;
  decision: 'accepted' | 'rejected';
}

export class HunkCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changedEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changedEmitter.event;

  constructor(private readonly review: PatchReview) {
    super();
    this.register(review.onDidChange(() => this.changedEmitter.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const ref = parsePatchUri(document.uri);
    if (!ref || ref.side !== 'proposed') return [];
    const known = this.review.get(ref.patchId);
    if (!known || known.view.status !== 'pending') return [];
    const file = known.view.files.find((f) => f.path === ref.path);
    if (!file) return [];
    return file.hunks.flatMap((hunk) => hunkLenses(ref, file, hunk, document.lineCount));
  }
}

function hunkLenses(ref: PatchFileRef, file: PatchFile, hunk: PatchHunk, lineCount: number): vscode.CodeLens[] {
  const line = Math.min(Math.max(0, anchorLine(hunk)), Math.max(0, lineCount - 1));
  const range = new vscode.Range(line, 0, line, 0);
  const n = `hunk ${hunk.index + 1} of ${file.hunks.length}`;
  const titles: Record<HunkDecision, [string, string]> = {
    pending: [`Accept ${n}`, `Reject ${n}`],
    accepted: [`$(check) Accepted ${n}`, 'Reject instead'],
    rejected: ['Accept instead', `$(close) Rejected ${n}`],
  };
  const [accept, reject] = titles[hunk.decision];
  const lens = (title: string, decision: 'accepted' | 'rejected', tooltip: string) =>
    new vscode.CodeLens(range, { title, tooltip, command: DECIDE_HUNK_COMMAND, arguments: [{ ...ref, hunk: hunk.index, decision } satisfies HunkDecisionArgs] });
  // What the hunk is about, as the sidebar's card names it; a lens with no command is plain text. Where
  // the hunk is in no declaration its line number is beside it already, so no name is added.
  const name = hunk.scope ? [new vscode.CodeLens(range, { title: hunkTitle(hunk), tooltip: hunkRange(hunk), command: '' })] : [];
  return [
    ...name,
    lens(accept, 'accepted', 'Keep this change. The patch is applied once every hunk is decided.'),
    lens(reject, 'rejected', 'Leave this part of the file as it is. Crosswind is told which hunks you rejected.'),
  ];
}

/** 0-based line of the hunk's first added or removed line in the proposed text. */
export function anchorLine(hunk: PatchHunk): number {
  return hunkAnchorLine(hunk) - 1;
}

export const HUNK_LENS_SELECTOR: vscode.DocumentSelector = { scheme: PATCH_SCHEME };
