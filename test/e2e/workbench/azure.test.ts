// The same review flow end to end against a loopback Azure OpenAI (Responses API over the v1 route, an
// API key): the conversation and the diff review do not depend on the cloud.
import { STATS_JS, STATS_PATH } from '../../support/review-scenario';
import { reviewInDiffEditor } from './flows';
import { Workbench } from './workbench';

describe('Crosswind in the workbench, on Azure OpenAI', () => {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await Workbench.start({ cloud: 'azure', name: 'azure', files: { [STATS_PATH]: STATS_JS } });
  });
  after(async () => {
    await wb?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot('failed');
  });

  it('a sidebar task ends in a patch reviewed hunk by hunk in the diff editor, and Revert restores the file', async () => {
    await reviewInDiffEditor(wb!);
  });
});
