// Restricted Mode in a real VS Code: the folder is not trusted, so Crosswind reads and chats but writes
// nothing — and the sidebar says why, on its first screen and on the patch it refused.
import assert from 'node:assert/strict';
import { STATS_JS, STATS_PATCH, STATS_PATH } from '../../support/review-scenario';
import { Workbench } from './workbench';

describe('Crosswind in Restricted Mode', () => {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await Workbench.start({ cloud: 'bedrock', name: 'restricted', files: { [STATS_PATH]: STATS_JS }, untrusted: true });
  });
  after(async () => {
    await wb?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot('failed');
  });

  it('says why it cannot write, refuses the patch the model proposes, and leaves the file alone', async () => {
    const view = await wb!.openSidebar();
    await view.locator('.restricted-banner', { hasText: 'Restricted Mode' }).waitFor();
    wb!.cloud.script([
      { steps: [{ type: 'text', text: 'Here is the change.' }, { type: 'toolCall', name: 'apply_patch', input: { input: STATS_PATCH } }] },
      { steps: [{ type: 'text', text: 'I cannot apply it here: the workspace is in Restricted Mode.' }] },
    ]);
    await view.getByRole('textbox', { name: 'Message Crosswind' }).fill('Make mean() safe on an empty list.');
    await wb!.page.keyboard.press('Enter');
    const card = view.locator('.patch-card');
    await card.locator('[data-status="failed"]').waitFor({ timeout: 30_000 });
    await card.getByText(/Restricted Mode/).first().waitFor();
    await view.locator('.agent-message', { hasText: 'cannot apply it here' }).waitFor();
    await wb!.screenshot('restricted-mode');
    assert.equal(wb!.read(STATS_PATH), STATS_JS);
  });
});
