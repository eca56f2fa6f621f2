// What a person does with Crosswind in the workbench, step by step, with a screenshot at each key step.
// Each flow scripts the loopback model, then only clicks and types.
import assert from 'node:assert/strict';
import { MEAN_REFACTOR_PATCH, STATS_JS, STATS_PATCH, STATS_PATH, STATS_WITH_HUNK_1 } from '../../support/review-scenario';
import type { Workbench } from './workbench';

const PLAN = 'I will make `mean()` return 0 for an empty list, and add a `range()` helper next to `min()` and `max()`.';

/**
 * Sidebar task → the answer streams → a pending patch card → Open diff → Accept hunk 1 and Reject hunk 2
 * with the CodeLens → the file on disk has exactly hunk 1 → Undo on the card → the file is back.
 */
export async function reviewInDiffEditor(wb: Workbench): Promise<void> {
  wb.cloud.script([
    { steps: [{ type: 'text', text: PLAN, chunks: 14 }, { type: 'toolCall', name: 'apply_patch', input: { input: STATS_PATCH } }], delayMs: 150 },
    { steps: [{ type: 'text', text: 'Done: `mean()` is safe on an empty list. I left `range()` out, as you asked.' }] },
  ]);
  const view = await wb.openSidebar();
  await view.getByRole('textbox', { name: 'Message Crosswind' }).fill('Make mean() safe on an empty list, and add range().');
  await wb.page.keyboard.press('Enter');

  // The answer streams: its text is seen growing before it is complete.
  const answer = view.locator('.agent-message').first();
  const seen = new Set<string>();
  let shotWhileStreaming = '';
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const text = ((await answer.textContent({ timeout: 30_000 }).catch(() => '')) ?? '').trim();
    if (text && !text.includes('Thinking')) seen.add(text);
    if (seen.size === 2 && !shotWhileStreaming) shotWhileStreaming = await wb.screenshot('answer-streaming');
    if (text.includes('next to min() and max()')) break;
    await wb.page.waitForTimeout(40);
  }
  assert.ok(seen.size >= 3, `the answer should appear piece by piece; saw ${seen.size} states`);

  const card = view.locator('.patch-card');
  await card.locator('[data-status="pending"]').waitFor({ timeout: 30_000 });
  await card.scrollIntoViewIfNeeded();
  await wb.screenshot('pending-patch');

  await card.getByRole('button', { name: `Open diff of ${STATS_PATH}` }).click();
  await wb.page.locator('.tabs-container .tab.active', { hasText: 'stats.js (Crosswind proposal)' }).waitFor();
  await wb.diffProposedSide().filter({ hasText: 'function range(values)' }).waitFor();
  await wb.codeLens('Accept hunk 1 of 2').waitFor();
  await wb.screenshot('diff-editor');

  await wb.codeLens('Accept hunk 1 of 2').click();
  await wb.codeLens('Accepted hunk 1 of 2').waitFor();
  assert.equal(wb.read(STATS_PATH), STATS_JS, 'nothing is written while hunk 2 is undecided');
  await wb.screenshot('hunk-1-accepted');

  await wb.codeLens('Reject hunk 2 of 2').click();
  await wb.fileBecomes(STATS_PATH, STATS_WITH_HUNK_1);
  await wb.page.locator('.tabs-container .tab', { hasText: 'Crosswind proposal' }).waitFor({ state: 'detached' });
  await wb.page.locator('.part.statusbar', { hasText: 'Applied 1 of 2 hunks in src/stats.js' }).waitFor();
  await card.locator('[data-status="partiallyApplied"]').waitFor();
  await view.locator('.agent-message', { hasText: 'I left range() out' }).waitFor();
  await wb.screenshot('partly-applied');

  await card.getByRole('button', { name: 'Undo this patch' }).click();
  await wb.fileBecomes(STATS_PATH, STATS_JS);
  await card.locator('[data-status="reverted"]').waitFor();
  await wb.screenshot('undone');
}

/** Select lines in the editor → F1 "Crosswind: Refactor Selection…" → the instruction → the diff editor. */
export async function refactorFromPalette(wb: Workbench): Promise<void> {
  wb.cloud.script([
    {
      steps: [{ type: 'text', text: 'Returning 0 for an empty list, in place.', chunks: 8 }, { type: 'toolCall', name: 'apply_patch', input: { input: MEAN_REFACTOR_PATCH } }],
      delayMs: 200,
    },
    { steps: [{ type: 'text', text: 'Left as it was.' }] },
  ]);
  const before = wb.cloud.requests.length;
  await wb.openFile(STATS_PATH, 8);
  for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Shift+ArrowDown');
  await wb.page.locator('.monaco-editor .selected-text').first().waitFor();

  // The editor's context menu offers the Crosswind commands for a selection.
  await wb.page.locator('.monaco-editor .view-line', { hasText: 'return sum(values) / values.length;' }).click({ button: 'right' });
  const menu = wb.page.locator('.context-view .monaco-menu');
  await menu.locator('.action-item', { hasText: /^Crosswind/ }).hover();
  // …with Refactor Selection's keybinding shown beside it.
  await menu.locator('.action-item', { hasText: /^Refactor Selection…Ctrl\+Alt\+R$/ }).waitFor();
  await menu.locator('.action-item', { hasText: /^Generate Tests for Selection/ }).waitFor();
  await wb.screenshot('context-menu');
  await wb.page.keyboard.press('Escape');
  await wb.page.keyboard.press('Escape');

  await wb.runFromPalette('Crosswind: Refactor Selection…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await wb.page.locator('.quick-input-widget', { hasText: 'How should lines 8–10 of src/stats.js change?' }).waitFor();
  await input.fill('return 0 for an empty list');
  await wb.screenshot('instruction');
  await wb.page.keyboard.press('Enter');
  // A cancellable progress notification while the turn runs.
  await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Crosswind: refactoring the selection' }).waitFor();
  await wb.page.waitForTimeout(300); // let the toast finish sliding in
  await wb.screenshot('refactor-progress');

  await wb.page.locator('.tabs-container .tab.active', { hasText: 'stats.js (Crosswind proposal)' }).waitFor({ timeout: 30_000 });
  await wb.diffProposedSide().filter({ hasText: 'values.length === 0 ? 0 : sum(values)' }).waitFor();
  await wb.codeLens('Accept hunk 1 of 1').waitFor();
  await wb.screenshot('refactor-diff');
  const sent = JSON.stringify(wb.cloud.requests[before]?.messages ?? []);
  assert.match(sent, /Refactor the selected code: return 0 for an empty list\./);
  assert.match(sent, /return sum\(values\) \/ values\.length;/, 'the selection was attached');

  // Reject from the editor title: the tab closes and the file is untouched.
  await wb.page.locator('.editor-actions .action-label[aria-label^="Reject the Whole Patch"]').click();
  await wb.page.locator('.tabs-container .tab', { hasText: 'Crosswind proposal' }).waitFor({ state: 'detached' });
  assert.equal(wb.read(STATS_PATH), STATS_JS);
}
