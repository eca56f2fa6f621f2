// End to end in a real VS Code (code-server, the packaged VSIX) against a loopback Amazon Bedrock:
// reviewing a patch hunk by hunk in the diff editor, and Refactor Selection from the command palette.
import assert from 'node:assert/strict';
import { STATS_JS, STATS_PATH } from '../../support/review-scenario';
import { addProviderSteps, refactorFromPalette, reviewInDiffEditor, walkthroughFromExistingState } from './flows';
import { Workbench } from './workbench';

describe('Crosswind in the workbench, on Amazon Bedrock', () => {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await Workbench.start({ cloud: 'bedrock', name: 'bedrock', files: { [STATS_PATH]: STATS_JS, 'package.json': '{ "name": "stats", "private": true }\n' } });
  });
  after(async () => {
    await wb?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  it('shows the Crosswind icon in the activity bar, and the sidebar opens on its first screen', async () => {
    // Waited for by Workbench.start: the activity-bar icon (its aria-label is the container's title).
    const view = await wb!.openSidebar();
    await view.getByRole('heading', { name: 'Crosswind' }).waitFor();
    await view.getByText('A coding agent on the cloud you already pay for.').waitFor();
    await view.locator('.example-prompt').first().waitFor();
    // At the default sidebar width the header names the cloud and the model whole; there is one "+" and one
    // way to the provider picker.
    const provider = view.locator('.provider-text');
    assert.equal(await provider.textContent(), 'Bedrock · claude-sonnet-4-5');
    assert.equal(await provider.evaluate((el) => el.scrollWidth <= el.clientWidth), true, 'the provider and model are not cut off');
    assert.equal(await view.getByRole('button', { name: 'New conversation' }).count(), 1);
    const titleActions = wb!.page.locator('.part.sidebar .composite.title .action-label');
    const actions = await titleActions.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    assert.ok(actions.includes('Show Cost Report'), actions.join(' | '));
    assert.ok(!actions.some((a) => /New Conversation|Select Provider/.test(a)), `the title bar repeats the header: ${actions.join(' | ')}`);
    await wb!.screenshot('first-screen');
  });

  it('checks the walkthrough steps off from what already exists: a configured profile, an opened cost report', async () => {
    await walkthroughFromExistingState(wb!);
  });

  it('Add a provider: no lone "Other" heading, a validated Bedrock endpoint step, the model-listing error in full', async () => {
    await addProviderSteps(wb!);
  });

  it('a task typed in the sidebar streams, proposes a patch; one hunk accepted and one rejected in the diff editor lands exactly; Revert restores the file', async () => {
    await reviewInDiffEditor(wb!);
  });

  it('Refactor Selection from the palette ends in the diff editor with the proposed change', async () => {
    await refactorFromPalette(wb!);
  });
});
