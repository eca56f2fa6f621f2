// What a person does with Crosswind in the workbench, step by step, with a screenshot at each key step.
// Each flow scripts the loopback model, then only clicks and types.
import assert from 'node:assert/strict';
import { MEAN_REFACTOR_PATCH, STATS_JS, STATS_PATCH, STATS_PATH, STATS_WITH_HUNK_1 } from '../../support/review-scenario';
import type { Workbench } from './workbench';

const PLAN = 'I will make `mean()` return 0 for an empty list, and add a `range()` helper next to `min()` and `max()`.';

/**
 * Sidebar task → the answer streams → a pending patch card → Open diff → Accept hunk 1 and Reject hunk 2
 * with the CodeLens → the file on disk has exactly hunk 1 → Revert on the card → the file is back.
 */
export async function reviewInDiffEditor(wb: Workbench): Promise<void> {
  wb.cloud.script([
    { steps: [{ type: 'text', text: PLAN, chunks: 14 }, { type: 'toolCall', name: 'apply_patch', input: { input: STATS_PATCH } }], delayMs: 150, usage: { input: 1000, output: 200 } },
    { steps: [{ type: 'text', text: 'Done: `mean()` is safe on an empty list. I left `range()` out, as you asked.' }], usage: { input: 1200, output: 30 } },
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
  // The model's request is paid for while the patch waits: the header shows what it cost, and the status
  // bar says Crosswind waits for the user, not that it is working.
  const turnCost = view.locator('.usage-turn .usage-cost');
  await turnCost.waitFor();
  assert.match((await turnCost.textContent()) ?? '', /^(\$\d|< \$0\.0001)/);
  assert.notEqual(await turnCost.textContent(), '$0.00');
  assert.equal(await view.locator('.usage-session .usage-cost').textContent(), await turnCost.textContent(), 'the session so far is this turn');
  const statusBar = wb.page.locator('.part.statusbar');
  await statusBar.getByText('Crosswind is waiting for your review').waitFor();
  assert.equal(await statusBar.getByText('Crosswind is working').count(), 0, 'not "working" while it waits for the user');
  // Hunks are named by what they change.
  assert.deepEqual(await card.locator('.hunk-title').allTextContents(), ['In mean(values)', 'Adds range(values)']);
  const fits = await card.locator('.hunk-title').evaluateAll((els) => els.every((el) => el.scrollWidth <= el.clientWidth));
  assert.ok(fits, 'the hunk names are not cut off at the default width');
  // The sidebar's own activity line agrees with the status bar.
  await view.locator('.activity-line', { hasText: 'Waiting for your review' }).waitFor();
  await wb.screenshot('pending-patch');

  await card.getByRole('button', { name: `Open diff of ${STATS_PATH}` }).click();
  await wb.page.locator('.tabs-container .tab.active', { hasText: 'stats.js (Crosswind proposal)' }).waitFor();
  await wb.diffProposedSide().filter({ hasText: 'function range(values)' }).waitFor();
  await wb.codeLens('Accept hunk 1 of 2').waitFor();
  await wb.page.locator('.monaco-diff-editor .editor.modified .codelens-decoration', { hasText: 'In function mean(values)' }).waitFor();
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
  // The card counts what landed: hunk 1 added one line.
  const stat = card.locator('.card-header .diff-stat');
  assert.equal((await stat.locator('[aria-hidden]').allTextContents()).join(' '), '+1 −0');
  await wb.screenshot('partly-applied');

  await card.getByRole('button', { name: 'Revert this patch' }).click();
  await wb.fileBecomes(STATS_PATH, STATS_JS);
  await card.locator('[data-status="reverted"]').waitFor();
  // "Applied 1 of 2 hunks" is no longer true: it does not stay in the status bar.
  await wb.page.locator('.part.statusbar', { hasText: 'Applied 1 of 2 hunks' }).waitFor({ state: 'detached', timeout: 5000 });
  await statusBar.getByText('Reverted the patch to src/stats.js').waitFor();
  assert.equal(await stat.getAttribute('data-stat'), 'reverted');
  assert.equal(await statusBar.getByText(/Crosswind is (working|waiting)/).count(), 0, 'nothing runs or waits now');
  await wb.screenshot('reverted');
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
  // The sidebar shows the command, not the prompt the model was sent.
  const view = wb.sidebar();
  await view.locator('.user-message', { hasText: 'Refactor stats.js:8–10: return 0 for an empty list' }).waitFor();
  assert.equal(await view.locator('.user-message', { hasText: 'Refactor the selected code' }).count(), 0);

  // Reject from the editor title: the tab closes and the file is untouched.
  await wb.page.locator('.editor-actions .action-label[aria-label^="Reject the Whole Patch"]').click();
  await wb.page.locator('.tabs-container .tab', { hasText: 'Crosswind proposal' }).waitFor({ state: 'detached' });
  assert.equal(wb.read(STATS_PATH), STATS_JS);
}

/** Opens the cost report from the sidebar's title bar, then the walkthrough: both steps already done. */
export async function walkthroughFromExistingState(wb: Workbench): Promise<void> {
  await wb.openSidebar();
  await wb.page.locator('.part.sidebar .composite.title .action-label[aria-label="Show Cost Report"]').click();
  const reportTab = wb.page.locator('.tabs-container .tab', { hasText: 'Crosswind Cost Report' });
  await reportTab.waitFor();
  // The palette's keys go to the workbench, not into the report's page.
  await reportTab.click();
  await wb.page.waitForTimeout(1000);
  await wb.runFromPalette('Welcome: Open Walkthrough...');
  await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Get started with Crosswind' }).first().click();
  const step = (id: string) => wb.page.locator(`.getting-started-step[data-step-id$="#${id}"]`);
  await step('chooseCloud').waitFor();
  // The profile was in the settings before the window opened; the report was opened before the walkthrough.
  await wb.page.locator('.getting-started-step[data-step-id$="#chooseCloud"][aria-checked="true"]').waitFor({ timeout: 10_000 });
  await wb.page.locator('.getting-started-step[data-step-id$="#seeCost"][aria-checked="true"]').waitFor({ timeout: 10_000 });
  assert.equal(await step('reviewPatch').getAttribute('aria-checked'), 'false', 'no patch was reviewed yet');
  await wb.screenshot('walkthrough');
  await wb.runFromPalette('View: Close All Editors');
  await wb.page.locator('.tabs-container .tab', { hasText: 'Welcome' }).waitFor({ state: 'detached' });
}

/**
 * "Add a provider" in VS Code's own quick input, up to the model step: the sign-in list (no AWS profile
 * here) has no heading with nothing above it, the Bedrock endpoint is validated as it is typed, and the
 * model-listing error (the loopback cloud is not the real AWS control plane) can be read whole.
 */
export async function addProviderSteps(wb: Workbench): Promise<void> {
  const quick = wb.page.locator('.quick-input-widget');
  const rows = quick.locator('.quick-input-list .monaco-list-row');
  const pick = async (text: string) => {
    await rows.filter({ hasText: text }).first().click();
  };
  await wb.runFromPalette('Crosswind: Select Provider…');
  await pick('Add a provider…');
  await pick('Amazon Bedrock');
  await rows.filter({ hasText: 'Default credential chain' }).first().waitFor();
  const labels = await rows.evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  assert.match(labels[0] ?? '', /Default credential chain/, `the first row is a choice, not a heading: ${labels.join(' | ')}`);
  assert.equal(await quick.locator('.quick-input-list-separator', { hasText: 'Other' }).count(), 0, 'no "Other" heading with nothing above it');
  await wb.screenshot('add-provider-sign-in');
  await pick('Default credential chain');
  await rows.filter({ hasText: 'us-east-1' }).first().waitFor();
  await wb.page.keyboard.press('Enter');
  await quick.getByText('Amazon Bedrock: endpoint (optional)').waitFor();
  const input = quick.locator('.quick-input-box input');
  await input.fill('vpce-0a1b2c3d');
  await quick.locator('.quick-input-message', { hasText: 'Not a URL' }).waitFor();
  await wb.screenshot('add-provider-endpoint');
  await input.fill('');
  await wb.page.keyboard.press('Enter');
  // The model list comes from the control plane, which this machine cannot reach: the error, then in full.
  await rows.filter({ hasText: 'Could not list the models' }).first().waitFor({ timeout: 60_000 });
  await wb.screenshot('add-provider-model-error');
  // By keyboard: the mouse over the error row shows its text in a hover that would take the click.
  await wb.page.mouse.move(0, 0);
  await input.fill('Show the whole error');
  await rows.filter({ hasText: 'Show the whole error' }).first().waitFor();
  await wb.page.keyboard.press('Enter');
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText('Crosswind could not list the models').waitFor();
  const detail = (await dialog.locator('.dialog-message-detail').textContent()) ?? '';
  assert.ok(detail.length > 20, `the whole error is in the dialog: ${detail}`);
  await wb.screenshot('add-provider-error-details');
  await wb.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // Back on the model step; leave without saving anything.
  await rows.filter({ hasText: 'Could not list the models' }).first().waitFor({ timeout: 60_000 });
  await wb.page.keyboard.press('Escape');
  await quick.waitFor({ state: 'hidden' });
}
