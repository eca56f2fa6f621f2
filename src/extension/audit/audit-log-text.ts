// The text of the "Show Audit Log" document: verdict on top (a broken chain in capitals, with what it
// means), then one readable line per record. Pure: no vscode import, so it is unit-tested.
import type { EngineRequestResult } from '../../protocol';

export type AuditShowResult = EngineRequestResult<'audit/show'>;

const RULE = '─'.repeat(72);

/** The document's text. Pure, so what it says about a broken chain is easy to check. */
export function renderAuditLog(r: AuditShowResult): string {
  const head = ['Crosswind audit log', `File:    ${r.path}`];
  if (!r.exists) return [...head, '', r.verdict, ''].join('\n');
  if (r.intact) head.push(`Verdict: ${r.verdict}`);
  else {
    head.push(
      '',
      '!!! WARNING: THIS AUDIT LOG FAILED VERIFICATION !!!',
      `Verdict: ${r.verdict}`,
      'Records from that point on may have been changed, removed or inserted after they were written.',
      'The file itself is left as it is: "Open Raw File" shows it.',
    );
  }
  return [...head, RULE, ...r.lines, ''].join('\n');
}
