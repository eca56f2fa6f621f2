// The file and patch the diff-review tests play (integration and workbench UI): a small module and a
// two-hunk patch whose hunks are far enough apart to stay separate — hunk 1 guards mean() against an
// empty list, hunk 2 adds range() — so accepting one and rejecting the other gives a file we can predict.

export const STATS_PATH = 'src/stats.js';

export const STATS_JS = `// Summary statistics over arrays of numbers.
function sum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function mean(values) {
  return sum(values) / values.length;
}

function max(values) {
  let best = values[0];
  for (const v of values) if (v > best) best = v;
  return best;
}

function min(values) {
  let best = values[0];
  for (const v of values) if (v < best) best = v;
  return best;
}

module.exports = { sum, mean, max, min };
`;

const MEAN_BEFORE = '  return sum(values) / values.length;\n';
const MEAN_AFTER = '  if (values.length === 0) return 0;\n  return sum(values) / values.length;\n';
const EXPORTS_BEFORE = 'module.exports = { sum, mean, max, min };\n';
const EXPORTS_AFTER = 'function range(values) {\n  return max(values) - min(values);\n}\n\nmodule.exports = { sum, mean, max, min, range };\n';

/** Hunk 1 only (accepted), hunk 2 rejected. */
export const STATS_WITH_HUNK_1 = STATS_JS.replace(MEAN_BEFORE, MEAN_AFTER);
/** Both hunks: what the diff editor's proposed side shows. */
export const STATS_PROPOSED = STATS_WITH_HUNK_1.replace(EXPORTS_BEFORE, EXPORTS_AFTER);

/** Codex patch format, as the model sends it through apply_patch. */
export const STATS_PATCH = [
  '*** Begin Patch',
  `*** Update File: ${STATS_PATH}`,
  '@@ function mean(values) {',
  '+  if (values.length === 0) return 0;',
  '   return sum(values) / values.length;',
  '@@',
  '   for (const v of values) if (v < best) best = v;',
  '   return best;',
  ' }',
  ' ',
  '-module.exports = { sum, mean, max, min };',
  '+function range(values) {',
  '+  return max(values) - min(values);',
  '+}',
  '+',
  '+module.exports = { sum, mean, max, min, range };',
  '*** End Patch',
].join('\n');

/** A one-line change to the mean() body, the answer to "Refactor Selection" on lines 8–10. */
export const MEAN_REFACTOR_PATCH = [
  '*** Begin Patch',
  `*** Update File: ${STATS_PATH}`,
  '@@ function mean(values) {',
  '-  return sum(values) / values.length;',
  '+  return values.length === 0 ? 0 : sum(values) / values.length;',
  '*** End Patch',
].join('\n');
export const STATS_MEAN_REFACTORED = STATS_JS.replace(MEAN_BEFORE, '  return values.length === 0 ? 0 : sum(values) / values.length;\n');

export const STATS_TEST_PATH = 'test/stats.test.js';
export const STATS_TEST_JS = `const test = require('node:test');
const assert = require('node:assert/strict');
const { mean } = require('../src/stats');

test('mean of an empty list is 0', () => {
  assert.equal(mean([]), 0);
});
`;

/** Two files: hunk 1 of STATS_PATCH in src/stats.js, and a new test file. */
export const STATS_WITH_TEST_PATCH = [
  '*** Begin Patch',
  `*** Update File: ${STATS_PATH}`,
  '@@ function mean(values) {',
  '+  if (values.length === 0) return 0;',
  '   return sum(values) / values.length;',
  `*** Add File: ${STATS_TEST_PATH}`,
  ...STATS_TEST_JS.trimEnd()
    .split('\n')
    .map((l) => `+${l}`),
  '*** End Patch',
].join('\n');
