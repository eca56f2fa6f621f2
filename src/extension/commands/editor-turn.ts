// What the editor commands (Refactor Selection, Explain Selection, Fix Problems in File, Generate Tests)
// share: start a turn in the sidebar's conversation with context attached, show a cancellable progress
// notification while it runs, and open the diff editor on the first patch the turn proposes, so a command
// that changes code ends in a reviewed change.
import * as vscode from 'vscode';
import type { Attachment, EngineNotification, PatchView, Turn } from '../../protocol';
import type { EngineConnection } from '../engine/engine-connection';
import type { ExtensionServices } from '../services';

export interface EditorTurn {
  /** Progress title, e.g. "Crosswind: refactoring the selection". */
  title: string;
  /** The user's message as the conversation shows it: the command, e.g. "Explain stats.js:8–10". */
  label: string;
  /** The prompt the model is sent (kept out of the conversation's view). */
  instruction: string;
  attachments: Attachment[];
  /** The command asks for a change: a turn that ends without proposing one says so. */
  expectsChange: boolean;
}

type Outcome = { kind: 'patch'; patch: PatchView } | { kind: 'completed'; turn: Turn } | { kind: 'stopped' };

export async function runEditorTurn(services: ExtensionServices, request: EditorTurn): Promise<void> {
  const { view, conversation, engine, diffs, log } = services;
  await view.reveal();
  // Listen before the turn starts: its first events can arrive before turn/start's answer.
  const watch = watchTurns(engine);
  try {
    const { threadId, turnId } = await conversation.startTurn(request.label, request.attachments, request.instruction);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: request.title, cancellable: true },
      (_progress, token) =>
        new Promise<Outcome>((resolve) => {
          token.onCancellationRequested(() => {
            engine.request('turn/interrupt', { threadId, turnId }).catch((e: unknown) => log.warn(`turn/interrupt failed: ${String(e)}`));
            resolve({ kind: 'stopped' });
          });
          void watch.until(turnId).then(resolve);
        }),
    );
    if (outcome.kind === 'patch') await diffs.openPatch(threadId, outcome.patch.id);
    else if (outcome.kind === 'completed') reportTurnEnd(outcome.turn, request.expectsChange);
  } catch (e) {
    void vscode.window.showErrorMessage(`Crosswind: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    watch.dispose();
  }
}

function reportTurnEnd(turn: Turn, expectsChange: boolean): void {
  if (turn.status === 'failed') void vscode.window.showErrorMessage(`Crosswind: ${turn.error?.message ?? 'the turn failed.'}`);
  else if (turn.status === 'completed' && expectsChange) {
    void vscode.window.showInformationMessage('Crosswind finished without proposing a change. Its answer is in the Crosswind view.');
  }
}

/** Engine events from now on, buffered until the turn's id is known. */
function watchTurns(engine: EngineConnection): { until(turnId: string): Promise<Outcome>; dispose(): void } {
  const seen: EngineNotification[] = [];
  let onEvent: ((n: EngineNotification) => void) | undefined;
  let onStopped: (() => void) | undefined;
  const subs = [
    engine.onNotification((n) => (onEvent ? onEvent(n) : seen.push(n))),
    // The engine went down mid-turn: the turn will never report its end.
    engine.onDidChangeState((s) => s !== 'running' && onStopped?.()),
  ];
  return {
    until: (turnId) =>
      new Promise<Outcome>((resolve) => {
        onStopped = () => resolve({ kind: 'stopped' });
        onEvent = (n) => {
          const proposed = pendingPatchOf(n, turnId);
          if (proposed) resolve({ kind: 'patch', patch: proposed });
          else if (n.method === 'turn/completed' && n.params.turn.id === turnId) resolve({ kind: 'completed', turn: n.params.turn });
        };
        for (const n of seen.splice(0)) onEvent(n);
      }),
    dispose: () => subs.forEach((s) => s.dispose()),
  };
}

function pendingPatchOf(n: EngineNotification, turnId: string): PatchView | undefined {
  if (n.method !== 'item/started' && n.method !== 'item/updated') return undefined;
  const item = n.params.item;
  return item.type === 'fileChange' && item.turnId === turnId && item.patch.status === 'pending' ? item.patch : undefined;
}

/** The active text editor on a file, or undefined after telling the user what is missing. */
export function fileEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Crosswind: open a file of the workspace in the editor first.');
    return undefined;
  }
  return editor;
}
