// Per-file browser and per-test page for the webview e2e tests. After every test the page must have
// thrown nothing, logged no error and reported no Content-Security-Policy violation.
import assert from 'node:assert/strict';
import { WebviewHarness, type WebviewPage } from '../../support/webview-harness';

export interface WebviewFixture {
  readonly harness: WebviewHarness;
  readonly view: WebviewPage;
}

export function useWebview(): WebviewFixture {
  let harness: WebviewHarness | undefined;
  let view: WebviewPage | undefined;
  before(async function () {
    this.timeout(120_000);
    harness = await WebviewHarness.start();
  });
  after(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    view = await harness?.open();
  });
  afterEach(async function () {
    const page = view;
    view = undefined;
    if (!page) return;
    try {
      if (this.currentTest?.state === 'passed') {
        assert.deepEqual(page.pageErrors, [], 'uncaught errors in the webview');
        assert.deepEqual(await page.cspViolations(), [], 'CSP violations');
        assert.deepEqual(page.console.filter((m) => m.type === 'error'), [], 'console errors');
      }
    } finally {
      await page.close();
    }
  });
  return {
    get harness() {
      if (!harness) throw new Error('harness not started');
      return harness;
    },
    get view() {
      if (!view) throw new Error('no page open');
      return view;
    },
  };
}
