import assert from 'node:assert/strict';
import { hunkAnchorLine, hunkTitle } from '../../../src/shared';

const hunk = (scope?: { kind: 'within' | 'adds'; name: string }) => ({ newStart: 6, lines: [' a', ' b', '-c', '+d'], ...(scope ? { scope } : {}) });

describe('hunk titles', () => {
  it('names a hunk by its scope, compact for a narrow card, else by its first changed line', () => {
    assert.equal(hunkAnchorLine(hunk()), 8);
    assert.equal(hunkTitle(hunk()), 'Line 8');
    assert.equal(hunkTitle(hunk({ kind: 'within', name: 'export async function load(path)' })), 'In export async function load(path)');
    assert.equal(hunkTitle(hunk({ kind: 'within', name: 'export async function load(path)' }), { compact: true }), 'In load(path)');
    assert.equal(hunkTitle(hunk({ kind: 'adds', name: 'pub fn pop(&mut self)' }), { compact: true }), 'Adds pop(&mut self)');
    assert.equal(hunkTitle(hunk({ kind: 'within', name: 'class Parser' }), { compact: true }), 'In class Parser');
  });
});
