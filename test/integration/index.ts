// The integration suite's entry, loaded by the extension host (extensionTestsPath): runs mocha inside
// the real VS Code with the extension loaded from its folder. Bundled by scripts/build.mjs into
// out/test/integration/index.js; mocha itself is resolved from the repo's node_modules at run time.
import fs from 'node:fs';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // CROSSWIND_IT_GREP runs only the tests whose full title matches (e.g. one suite, repeated under load).
  const grep = process.env.CROSSWIND_IT_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // Install describe/it as globals, then load the bundled suites (they register at require time).
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  await import('./suites');
  const results: { title: string; state: 'passed' | 'failed'; err?: string }[] = [];
  const say = (line: string) => console.log(`[crosswind-it] ${line}`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const summary = `integration: ${results.filter((r) => r.state === 'passed').length} passed, ${failures} failed`;
      say(summary);
      const file = process.env.CROSSWIND_TEST_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify({ failures, summary, results }, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      results.push({ title: t.fullTitle(), state: 'passed' });
      say(`  ok    ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      results.push({ title: t.fullTitle(), state: 'failed', err: String(err?.stack ?? err) });
      say(`  FAIL  ${t.fullTitle()}\n${String(err?.stack ?? err)}`);
    });
  });
}
