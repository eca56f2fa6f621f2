// `crosswind exec` without --json: what a person reads on stderr. The instructions item is completed again
// each time the turn touches a file with its own AGENTS.md: the reader sees each file once, not the whole
// list again per request.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { humanEventWriter } from '../../../src/cli/exec/human-output';
import type { InstructionFile, ItemOf } from '../../../src/protocol';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

const file = (path: string, appliesTo = 'whole workspace'): InstructionFile => ({ path, source: 'agents', appliesTo, bytes: 10, truncated: false });
const item = (files: InstructionFile[], notice?: string): ItemOf<'instructions'> => ({ id: 'instr_t1', turnId: 't1', createdAt: 0, type: 'instructions', files, ...(notice ? { notice } : {}) });

describe('crosswind exec: human output', () => {
  it('prints each instruction file once as the turn touches more of them', () => {
    const out = capture();
    const err = capture();
    const write = humanEventWriter(out.stream, err.stream);
    write('item/completed', { threadId: 'th', item: item([file('AGENTS.md')]) });
    write('item/completed', { threadId: 'th', item: item([file('AGENTS.md')]) });
    write('item/completed', { threadId: 'th', item: item([file('AGENTS.md'), file('src/api/AGENTS.md', 'src/api/users.ts')]) });
    write('item/completed', { threadId: 'th', item: item([file('AGENTS.md'), file('src/api/AGENTS.md', 'src/api/users.ts')], 'tools/AGENTS.md left out: the 32 KB limit') });
    assert.equal(err.text(), 'instructions: AGENTS.md\nmore instructions: src/api/AGENTS.md\nmore instructions: tools/AGENTS.md left out: the 32 KB limit\n');
  });
});
