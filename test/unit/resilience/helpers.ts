// Small helpers shared by the resilience tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReceivedRequest, ScriptStep } from '../../support/scripted-model';

export type ToolResult = { output: string; isError: boolean };

/** The tool results a request carried, by call id. */
export function toolResults(req: ReceivedRequest | undefined): Map<string, ToolResult> {
  const out = new Map<string, ToolResult>();
  for (const m of req?.messages ?? []) if (m.role === 'tool') out.set(m.toolResult.id, { output: m.toolResult.output, isError: m.toolResult.isError });
  return out;
}

/** Everything the model was sent in a request, as one string (to look for what must never reach it). */
export function requestText(req: ReceivedRequest): string {
  return JSON.stringify(req.messages);
}

export function call(callId: string, name: string, input: Record<string, unknown>): ScriptStep {
  return { type: 'toolCall', callId, name, input };
}

/** A fresh temp folder with `ws/` (the workspace) and `state/` inside. */
export function tempDirs(prefix: string): { base: string; ws: string; state: string } {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const ws = path.join(base, 'ws');
  const state = path.join(base, 'state');
  fs.mkdirSync(ws);
  fs.mkdirSync(state);
  return { base, ws, state };
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  }
}

export function codexPatch(...sections: string[][]): string {
  return ['*** Begin Patch', ...sections.flat(), '*** End Patch'].join('\n');
}
