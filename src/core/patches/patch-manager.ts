// Pending patches: the engine is the single source of truth for each patch's state — its files and
// hunks, the user's decision on every hunk, and whether it was applied, rejected, reverted or went stale.
// The sidebar and the diff editor only show this state and send decisions — and the user's edits of a
// proposal (patch/edit), which replace the model's text of a file until the patch is decided.
//
// A patch is applied only at finalisation, and then always against the files as they are *now*: it is
// re-matched first, and written with optimistic concurrency (each file must still hold the text the
// change was computed from), so it is never applied over an edit the user made in the meantime.
import { MAX_EDITED_PROPOSAL_CHARS, type ErrorInfo, type HunkDecision, type HunkDecisionInput, type PatchStatus, type PatchView } from '../../protocol';
import {
  hunkScopes,
  isPatchError,
  parsePatch,
  planPatch,
  planToWrites,
  rematchPlan,
  type HunkSelection,
  type PatchPlan,
  type PlannedFile,
} from '../../patch';
import { REDACTED } from '../../shared';
import type { Workspace } from '../ports/workspace';
import type { AppliedWrite } from '../threads/records';
import type { PatchRecord } from '../threads/thread-state';
import { applyUserEdits, type UserEdit } from './user-edits';
import { judgeRestored } from './restored-patch';
import { editConflict, patchErrorInfo, PatchNotFoundError, PatchStateError } from './patch-errors';

export interface PendingPatch {
  id: string;
  threadId: string;
  turnId: string;
  itemId: string;
  input: string;
  plan: PatchPlan;
  /** path → hunk index → decision. */
  decisions: Map<string, Map<number, HunkDecision>>;
  /** The user's edits of the proposal, by PlannedFile.path: `plan` already shows them. */
  edits: Map<string, UserEdit>;
  status: PatchStatus;
  error?: ErrorInfo;
  decidedBy?: 'user' | 'policy';
  applied?: AppliedWrite[];
  /** Why a revert is refused although the patch was applied (its recorded text lost a secret to redaction). */
  revertRefused?: string;
  settled: Promise<PatchView>;
  settle(view: PatchView): void;
}

/** How a finalised patch reaches the thread (persistence, notifications, audit). */
export interface PatchEvents {
  proposed(patch: PendingPatch): Promise<void>;
  changed(patch: PendingPatch, view: PatchView): Promise<void>;
  /** Before the files are written: what will be written, and the patch as it will be once it is. */
  applying(patch: PendingPatch, writes: AppliedWrite[], view: PatchView): Promise<void>;
  /** Before a revert writes: what it will write (the applied writes reversed). */
  reverting(patch: PendingPatch, writes: AppliedWrite[]): Promise<void>;
  applied(patch: PendingPatch, writes: AppliedWrite[], action: 'apply' | 'revert'): Promise<void>;
  /** The user replaced the proposed text of `path` (patch/edit); `edit` is undefined when they went back to the model's. */
  edited(patch: PendingPatch, path: string, edit: UserEdit | undefined): Promise<void>;
}

/**
 * The decision on a file that has no hunk — a rename, an empty or binary file added or deleted — which is
 * taken or left as a whole. (Without it such a file could never be accepted: the patch read as rejected.)
 */
const WHOLE_FILE = -1;

export class PatchManager {
  private readonly patches = new Map<string, PendingPatch>();
  private readonly finalising = new Map<string, Promise<PatchView>>();

  constructor(
    private readonly workspace: Workspace,
    private readonly events: PatchEvents,
  ) {}

  get(patchId: string): PendingPatch {
    const p = this.patches.get(patchId);
    if (!p) throw new PatchNotFoundError(patchId);
    return p;
  }

  has(patchId: string): boolean {
    return this.patches.has(patchId);
  }

  /** Parses and plans a patch against the current files. Throws PatchError when it cannot apply. */
  async propose(ids: { id: string; threadId: string; turnId: string; itemId: string }, input: string): Promise<PendingPatch> {
    const plan = await planPatch(parsePatch(input), (p) => this.workspace.read(p), { root: this.workspace.root, folders: this.workspace.folders });
    const patch = this.track(ids, input, plan, 'pending');
    await this.events.proposed(patch);
    return patch;
  }

  /**
   * Restores a patch after a restart from its recorded input. A pending patch is re-planned against the
   * files as they are; one that no longer applies becomes stale. A pending patch the engine had started
   * to write (`applying`) is applied if the files hold what it wrote — never offered a second time — and
   * stale if only some of them do. A revert it had started (`reverting`) is judged the same way.
   */
  async restore(
    ids: { id: string; threadId: string; turnId: string; itemId: string },
    input: string,
    recordedView: PatchView,
    recorded: Pick<PatchRecord, 'applied' | 'applying' | 'reverting' | 'edits'>,
  ): Promise<PendingPatch> {
    const { view, status, error, applied, revertRefused } = await judgeRestored(this.workspace, input, recordedView, recorded);
    // A patch that was applied is planned against the text it was applied to, so it shows (and reverts)
    // exactly what it wrote: the files now hold its result, which it would no longer match.
    const wasApplied = status === 'applied' || status === 'partiallyApplied' || status === 'reverted';
    const before = new Map((wasApplied ? (recorded.applied ?? applied ?? []) : []).map((w) => [w.path, w]));
    const read = (p: string) => {
      const w = before.get(p);
      if (!w) return this.workspace.read(p);
      return Promise.resolve(w.before === null ? ({ kind: 'missing' } as const) : ({ kind: 'text', text: w.bomBefore ? `\uFEFF${w.before}` : w.before, version: 0, dirty: false } as const));
    };
    let plan: PatchPlan;
    let stale: ErrorInfo | undefined;
    try {
      plan = await planPatch(parsePatch(input), read, { root: this.workspace.root, folders: this.workspace.folders });
    } catch (e) {
      if (!isPatchError(e)) throw e;
      // Kept for the record (it cannot be applied any more): an empty plan with the error.
      plan = { patch: { format: 'codex', ops: [] }, options: {}, files: [], summary: [] };
      stale = patchErrorInfo(e, 'The files changed since this patch was proposed, and it no longer applies.');
    }
    // The user's edits, laid over the plan before the recorded decisions are carried (their hunks are numbered from them).
    const edits = new Map(Object.entries(recorded.edits ?? {}));
    const laid = stale ? { plan, conflicts: [] } : applyUserEdits(plan, edits);
    if (status === 'pending' && !stale && laid.conflicts.length) stale = editConflict(laid.conflicts);
    if (status === 'pending' && !stale && [...edits.values()].some((e) => e.text.includes(REDACTED) || (e.base ?? '').includes(REDACTED))) {
      stale = { kind: 'invalidRequest', message: 'Your edit of this patch held a value that looked like a secret, which Crosswind never stores on disk, so it cannot be applied after a restart.' };
    }
    const p = this.track(ids, input, laid.plan, stale && status === 'pending' ? 'stale' : status, view);
    for (const [path, edit] of edits) p.edits.set(path, edit);
    p.error = stale && status === 'pending' ? stale : error;
    p.applied = applied;
    p.revertRefused = revertRefused;
    p.decidedBy = view.decidedBy;
    if (p.status !== 'pending') p.settle(this.view(p.id));
    return p;
  }

  view(patchId: string): PatchView {
    const p = this.get(patchId);
    return {
      id: p.id,
      status: p.status,
      ...(p.error ? { error: p.error } : {}),
      ...(p.decidedBy ? { decidedBy: p.decidedBy } : {}),
      ...(p.revertRefused && p.status !== 'reverted' ? { revertRefused: p.revertRefused } : {}),
      files: p.plan.files.map((f) => {
        const scopes = hunkScopes(f);
        return {
          path: f.path,
          ...(f.movePath ? { movePath: f.movePath } : {}),
          kind: f.kind,
          additions: f.additions,
          deletions: f.deletions,
          hunks: f.hunks.map((h, i) => ({
            index: h.index,
            oldStart: h.oldStart,
            oldLines: h.oldLines,
            newStart: h.newStart,
            newLines: h.newLines,
            lines: h.lines,
            decision: p.decisions.get(f.path)?.get(h.index) ?? 'pending',
            ...(scopes[i] ? { scope: scopes[i] } : {}),
          })),
          ...(p.edits.has(f.path) ? { editedByUser: true } : {}),
        };
      }),
    };
  }

  /** Records decisions from a view; finalises the patch once no hunk is left pending. */
  async decide(patchId: string, decisions: HunkDecisionInput[], by: 'user' | 'policy' = 'user'): Promise<PatchView> {
    const p = this.requirePending(patchId);
    for (const d of decisions) {
      const file = p.plan.files.find((f) => f.path === d.path || f.movePath === d.path);
      if (!file) throw new PatchStateError(`The patch does not change '${d.path}'.`);
      const map = p.decisions.get(file.path)!;
      if (d.hunk === undefined) for (const k of map.keys()) map.set(k, d.decision);
      else if (file.hunks.some((h) => h.index === d.hunk)) map.set(d.hunk, d.decision);
      else throw new PatchStateError(`'${d.path}' has no hunk ${d.hunk}.`);
    }
    if (this.undecided(p) === 0) return this.finalise(patchId, by);
    const view = this.view(patchId);
    await this.events.changed(p, view);
    return view;
  }

  /** Accepts every hunk not already rejected, and applies. */
  applyAll(patchId: string, by: 'user' | 'policy'): Promise<PatchView> {
    const p = this.requirePending(patchId);
    this.fillUndecided(p, 'accepted');
    return this.finalise(patchId, by);
  }

  /** Rejects every hunk not already accepted, and finalises (accepted hunks, if any, still apply). */
  rejectAll(patchId: string, by: 'user' | 'policy', reason?: string): Promise<PatchView> {
    const p = this.requirePending(patchId);
    this.fillUndecided(p, 'rejected');
    if (reason) p.error = { kind: 'invalidRequest', message: reason };
    return this.finalise(patchId, by);
  }

  /** Marks a patch that may not be applied at all (Restricted Mode, a denied path) as failed. */
  async refuse(patchId: string, error: ErrorInfo): Promise<PatchView> {
    const p = this.requirePending(patchId);
    p.status = 'failed';
    p.error = error;
    p.decidedBy = 'policy';
    return this.publish(p);
  }

  /**
   * Replaces the proposed text of one file with the user's edit. The patch is matched again first (the
   * edit is kept with the text it was made against, and is never applied over a later change of the
   * file); the file's hunks are computed again from the edit and left pending.
   */
  async edit(patchId: string, path: string, text: string): Promise<PatchView> {
    const p = this.requirePending(patchId);
    if (text.length > MAX_EDITED_PROPOSAL_CHARS) throw new PatchStateError(`An edited proposal may hold at most ${MAX_EDITED_PROPOSAL_CHARS.toLocaleString('en-US')} characters.`);
    const { model } = await this.current(p, 'The files changed since this patch was proposed and it no longer applies, so it cannot be edited.');
    const file = model.files.find((f) => f.path === path || f.movePath === path);
    if (!file) throw new PatchStateError(`The patch does not change '${path}'.`);
    if (file.kind === 'delete' || file.newText === null) throw new PatchStateError(`The patch deletes '${path}': there is no proposed text to edit.`);
    const edit: UserEdit | undefined = text === file.newText ? undefined : { base: file.oldText, proposed: file.newText, text };
    // The model's text saved unchanged: nothing to record, and the decisions taken on its hunks stand.
    if (!edit && !p.edits.has(file.path)) return this.view(patchId);
    if (edit) p.edits.set(file.path, edit);
    else p.edits.delete(file.path);
    const laid = applyUserEdits(model, p.edits);
    if (laid.conflicts.length) throw new PatchStateError(editConflict(laid.conflicts).message);
    p.plan = laid.plan;
    // The file's hunks are new: its earlier decisions were about other hunks.
    const edited = laid.plan.files.find((f) => f.path === file.path)!;
    p.decisions.set(file.path, new Map(edited.hunks.length ? edited.hunks.map((h) => [h.index, 'pending']) : [[WHOLE_FILE, 'pending']]));
    await this.events.edited(p, file.path, edit);
    const view = this.view(patchId);
    await this.events.changed(p, view);
    return view;
  }

  /** What the user changed in the model's proposal, per file (the path the file ends up at). */
  userEdits(patchId: string): { path: string; proposed: string; edited: string }[] {
    const p = this.get(patchId);
    return [...p.edits].map(([path, e]) => {
      const file = p.plan.files.find((f) => f.path === path);
      return { path: file?.movePath ?? path, proposed: e.proposed, edited: e.text };
    });
  }

  /** Reverts an applied patch, if every file still holds exactly what the patch wrote. */
  async revert(patchId: string): Promise<PatchView> {
    const p = this.get(patchId);
    if ((p.status !== 'applied' && p.status !== 'partiallyApplied') || !p.applied) {
      throw new PatchStateError(`Only an applied patch can be reverted; this one is ${p.status}.`);
    }
    if (p.revertRefused) throw new PatchStateError(p.revertRefused);
    const reversed = p.applied.map((w) => ({ path: w.path, before: w.after, after: w.before, bomBefore: w.bomAfter, bomAfter: w.bomBefore }));
    await this.events.reverting(p, reversed);
    const outcome = await this.workspace.write(
      p.applied.map((w) =>
        w.before === null
          ? { op: 'delete' as const, path: w.path, ...(w.after !== null ? { expected: w.after } : {}) }
          : { op: 'write' as const, path: w.path, text: w.before, bom: w.bomBefore, expected: w.after },
      ),
    );
    if (!outcome.ok) {
      const which = outcome.conflicts.length ? ` (${outcome.conflicts.join(', ')} changed since)` : '';
      throw new PatchStateError(`Cannot revert: the files no longer hold what the patch wrote${which}. ${outcome.reason}`);
    }
    p.status = 'reverted';
    await this.events.applied(p, reversed, 'revert');
    return this.publish(p);
  }

  /**
   * A checkpoint restore put the patch's files back as they were before it: it stands undone, recorded as
   * an Undo that wrote nothing (the restore wrote the files, and audits them itself).
   */
  async restoredAway(patchId: string): Promise<PatchView> {
    const p = this.get(patchId);
    if (p.status !== 'applied' && p.status !== 'partiallyApplied') return this.view(patchId);
    p.status = 'reverted';
    await this.events.applied(p, [], 'revert');
    return this.publish(p);
  }

  /** Current and proposed text of one file (all hunks), re-matched against the file as it is now. */
  async preview(patchId: string, path: string): Promise<{ file: PlannedFile; oldText: string; newText: string }> {
    const p = this.get(patchId);
    let plan = p.plan;
    if (p.status === 'pending') {
      try {
        const now = await this.current(p);
        if (!now.conflicts.length) plan = now.plan;
      } catch (e) {
        if (!(e instanceof PatchStateError)) throw e;
      }
    }
    const file = plan.files.find((f) => f.path === path || f.movePath === path);
    if (!file) throw new PatchStateError(`The patch does not change '${path}'.`);
    return { file, oldText: file.oldText ?? '', newText: file.newText ?? '' };
  }

  /** Resolves when the patch leaves the pending state. */
  settled(patchId: string): Promise<PatchView> {
    return this.get(patchId).settled;
  }

  private track(ids: { id: string; threadId: string; turnId: string; itemId: string }, input: string, plan: PatchPlan, status: PatchStatus, view?: PatchView): PendingPatch {
    let settle!: (v: PatchView) => void;
    const settled = new Promise<PatchView>((r) => (settle = r));
    const decisions = new Map<string, Map<number, HunkDecision>>();
    for (const f of plan.files) {
      const prior = view?.files.find((v) => v.path === f.path);
      const hunks = f.hunks.map((h): [number, HunkDecision] => [h.index, prior?.hunks.find((x) => x.index === h.index)?.decision ?? 'pending']);
      decisions.set(f.path, new Map(hunks.length ? hunks : [[WHOLE_FILE, 'pending']]));
    }
    const p: PendingPatch = { ...ids, input, plan, decisions, edits: new Map(), status, settled, settle };
    this.patches.set(ids.id, p);
    return p;
  }

  private requirePending(patchId: string): PendingPatch {
    const p = this.get(patchId);
    if (p.status !== 'pending' || this.finalising.has(patchId)) throw new PatchStateError(`This patch is already ${this.finalising.has(patchId) ? 'being applied' : p.status}.`);
    return p;
  }

  private undecided(p: PendingPatch): number {
    let n = 0;
    for (const m of p.decisions.values()) for (const d of m.values()) if (d === 'pending') n++;
    return n;
  }

  private fillUndecided(p: PendingPatch, decision: HunkDecision): void {
    for (const m of p.decisions.values()) for (const [k, d] of m) if (d === 'pending') m.set(k, decision);
  }

  private finalise(patchId: string, by: 'user' | 'policy'): Promise<PatchView> {
    const running = this.finalising.get(patchId);
    if (running) return running;
    const work = this.doFinalise(this.get(patchId), by).finally(() => this.finalising.delete(patchId));
    this.finalising.set(patchId, work);
    return work;
  }

  private async doFinalise(p: PendingPatch, by: 'user' | 'policy'): Promise<PatchView> {
    p.decidedBy = by;
    const selection: Record<string, number[]> = {};
    let accepted = 0;
    let rejected = 0;
    for (const [path, m] of p.decisions) {
      selection[path] = [...m].filter(([, d]) => d === 'accepted').map(([i]) => i);
      accepted += selection[path].length;
      rejected += m.size - selection[path].length;
    }
    if (accepted === 0) {
      p.status = 'rejected';
      return this.publish(p);
    }
    let plan: PatchPlan;
    try {
      const now = await this.current(p);
      if (now.conflicts.length) {
        p.status = 'stale';
        p.error = editConflict(now.conflicts);
        return this.publish(p);
      }
      plan = now.plan;
    } catch (e) {
      if (!(e instanceof PatchStateError)) throw e;
      p.status = 'stale';
      p.error = e.info ?? { kind: 'invalidRequest', message: e.message };
      return this.publish(p);
    }
    p.plan = plan;
    const chosen: HunkSelection = Object.fromEntries(plan.files.map((f) => [f.path, f.hunks.length ? (selection[f.path] ?? []) : (selection[f.path]?.includes(WHOLE_FILE) ?? false)]));
    const writes = planToWrites(plan, chosen);
    const applied = appliedWrites(plan, writes);
    const status = rejected > 0 ? 'partiallyApplied' : 'applied';
    await this.events.applying(p, applied, { ...this.view(p.id), status, decidedBy: by });
    const outcome = await this.workspace.write(writes);
    if (!outcome.ok) {
      p.status = outcome.conflicts.length ? 'stale' : 'failed';
      p.error = {
        kind: outcome.conflicts.length ? 'invalidRequest' : 'internal',
        message: outcome.conflicts.length
          ? `Not applied: ${outcome.conflicts.join(', ')} changed while the patch was being applied. Nothing was written.`
          : `Not applied: ${outcome.reason}. Nothing was written.`,
      };
      return this.publish(p);
    }
    p.applied = applied;
    p.status = status;
    await this.events.applied(p, p.applied, 'apply');
    return this.publish(p);
  }

  /**
   * The patch matched against the files as they are now: the model's proposal, and the plan with the
   * user's edits laid over it (`conflicts`: edited files that changed since the edit). Throws
   * PatchStateError when the model's patch no longer applies.
   */
  private async current(p: PendingPatch, lead = 'The files changed since this patch was proposed and it no longer applies; it was not applied over your changes.'): Promise<{ model: PatchPlan; plan: PatchPlan; conflicts: string[] }> {
    let model: PatchPlan;
    try {
      model = await rematchPlan(p.plan, (f) => this.workspace.read(f));
    } catch (e) {
      if (!isPatchError(e)) throw e;
      const info = patchErrorInfo(e, lead);
      throw new PatchStateError(info.message, info);
    }
    return { model, ...applyUserEdits(model, p.edits) };
  }

  private async publish(p: PendingPatch): Promise<PatchView> {
    const view = this.view(p.id);
    await this.events.changed(p, view);
    if (p.status !== 'pending') p.settle(view);
    return view;
  }


}

/** What each write replaced, so the patch can be reverted. */
function appliedWrites(plan: PatchPlan, writes: ReturnType<typeof planToWrites>): AppliedWrite[] {
  return writes.map((w) => {
    const file = plan.files.find((f) => f.path === w.path || f.movePath === w.path);
    const isMoveTarget = file?.movePath === w.path && file.path !== w.path;
    const before = isMoveTarget ? (file?.moveTargetOldText ?? null) : (file?.oldExisted ? (file.oldText ?? null) : null);
    return {
      path: w.path,
      // `expected` is exactly what the write replaced (null: nothing was there).
      before: w.expected !== undefined ? w.expected : before,
      after: w.op === 'write' ? w.text : null,
      bomBefore: file?.bom ?? false,
      bomAfter: w.op === 'write' ? w.bom : false,
    };
  });
}
