// Mocha reporter: mocha's own spec output, plus the counts written to $CROSSWIND_RESULTS_FILE so
// scripts/test.mjs can print one total over every runner.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), error: String((err && err.message) || err).slice(0, 2000) }));
    runner.once('end', () => {
      const file = process.env.CROSSWIND_RESULTS_FILE;
      if (!file) return;
      const s = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending, failures }, null, 2));
    });
  }
}

module.exports = SummaryReporter;
