// Red-team attacks 2 and 5: the command policy split lines on && || ; | and newline only, so an allow
// entry ran anything hidden in a substitution, a redirection or a background job, and `--deny rm` was
// bypassed by 21 of 22 spellings of rm. The policy now parses the shell (tree-sitter-bash) and sees
// through wrappers; what it cannot see into asks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AttackLab } from '../../support/exec-attack';

/** Each spelling tries to delete its own victim file (v1, v2, …). */
const RM_SPELLINGS: Array<(v: string) => string[]> = [
  (v) => ['/bin/rm', v],
  (v) => ['env', 'rm', v],
  (v) => ['sh', '-c', `X=1 rm ${v}`],
  (v) => ['sh', '-c', `echo ${v} | xargs rm`],
  (v) => ['bash', '-c', `rm ${v}`],
  (v) => ['sh', '-c', `(rm ${v})`],
  (v) => ['sh', '-c', `\\rm ${v}`],
  (v) => ['sh', '-c', `command rm ${v}`],
  (v) => ['nice', 'rm', v],
  (v) => ['bash', '-c', `eval "rm ${v}"`],
  (v) => ['find', '.', '-name', v, '-delete'],
  (v) => ['python3', '-c', `import os; os.remove("${v}")`],
  (v) => ['sh', '-c', `'r'm ${v}`],
  (v) => ['sh', '-c', `r""m ${v}`],
  (v) => ['bash', '-c', `$'\\x72m' ${v}`],
  (v) => ['sh', '-c', `echo $(rm ${v})`],
  (v) => ['sh', '-c', `echo \`rm ${v}\``],
  (v) => ['sh', '-c', `true && { rm ${v}; }`],
  (v) => ['sh', '-c', `for f in ${v}; do rm "$f"; done`],
  (v) => ['bash', '-c', `f() { rm ${v}; }; f`],
  (v) => ['find', '.', '-name', v, '-exec', 'rm', '{}', ';'],
  (v) => ['timeout', '5', 'rm', v],
  (v) => ['sh', '-c', `sh -c "env -i /usr/bin/rm ${v}"`],
  (v) => ['sh', '-c', `R=rm; $R ${v}`],
  (v) => ['sh', '-c', `exec rm ${v}`],
  (v) => ['sh', '-c', `if true; then rm ${v}; fi`],
  (v) => ['perl', '-e', `unlink "${v}"`],
  (v) => ['node', '-e', `require("fs").unlinkSync("${v}")`],
  (v) => ['sudo', 'rm', v],
  (v) => ['sh', '-c', `ls ${v} | xargs -I{} rm {}`],
];

/** Each tries to create its own marker file (m1, m2, …) behind an allowed `git status`. */
const ALLOW_ESCAPES: Array<(m: string) => string[]> = [
  (m) => ['bash', '-c', `git status $(touch ${m})`],
  (m) => ['bash', '-c', `git status \`touch ${m}\``],
  (m) => ['bash', '-c', `git status & touch ${m}`],
  (m) => ['bash', '-c', `git status > ${m}`],
  (m) => ['bash', '-c', `git status <(touch ${m})`],
  (m) => ['bash', '-c', `git status "\${X:-$(touch ${m})}"`],
  (m) => ['bash', '-c', `git status; touch ${m}`],
  (m) => ['bash', '-c', `git status && touch ${m}`],
  (m) => ['bash', '-c', `git status | tee ${m}`],
  (m) => ['bash', '-c', `git status\ntouch ${m}`],
  (m) => ['bash', '-c', `X=$(touch ${m}) git status`],
  (m) => ['bash', '-c', `git status 2>${m}`],
  (m) => ['bash', '-c', `git status || touch ${m}`],
  (m) => ['bash', '-c', `git status $(echo) && touch ${m}`],
];

describe('attack: the command policy is spelled around (crosswind exec)', function () {
  this.timeout(180_000);
  let lab: AttackLab;
  beforeEach(async () => (lab = await AttackLab.start()));
  afterEach(() => lab.close());

  it(`--deny rm stops all ${RM_SPELLINGS.length} spellings of rm in full-auto, and nothing is deleted`, async () => {
    const victims = RM_SPELLINGS.map((_, i) => `v${i + 1}`);
    for (const v of victims) fs.writeFileSync(path.join(lab.repo, v), 'keep\n');
    lab.scriptCommands(RM_SPELLINGS.map((spell, i) => spell(victims[i]!)));
    const run = await lab.exec(['--approval', 'full-auto', '--deny', 'rm', 'clean up']);
    assert.equal(run.code, 0, run.stderr);
    const items = AttackLab.commands(run);
    assert.equal(items.length, RM_SPELLINGS.length);
    const ran = items.filter((i) => i.status !== 'declined').map((i) => JSON.stringify(i.command));
    assert.deepEqual(ran, [], `these ran: ${ran.join(', ')}`);
    for (const item of items) assert.match(item.output, /deny list/, JSON.stringify(item.command));
    const gone = victims.filter((v) => !fs.existsSync(path.join(lab.repo, v)));
    assert.deepEqual(gone, []);
  });

  it(`an allowed "git status" lets nothing else run: ${ALLOW_ESCAPES.length} escapes under auto-edit`, async () => {
    const markers = ALLOW_ESCAPES.map((_, i) => `m${i + 1}`);
    lab.scriptCommands([...ALLOW_ESCAPES.map((escape, i) => escape(markers[i]!)), ['git', 'status'], ['bash', '-lc', 'git status']]);
    const run = await lab.exec(['--approval', 'auto-edit', '--allow', 'git status', 'check']);
    assert.equal(run.code, 0, run.stderr);
    const items = AttackLab.commands(run);
    const escapes = items.slice(0, ALLOW_ESCAPES.length);
    const ran = escapes.filter((i) => i.status !== 'declined').map((i) => JSON.stringify(i.command));
    assert.deepEqual(ran, [], `these ran unasked: ${ran.join(', ')}`);
    assert.deepEqual(
      markers.filter((m) => fs.existsSync(path.join(lab.repo, m))),
      [],
    );
    // The allowed command itself still runs unasked, as argv or as a one-command bash script.
    for (const plain of items.slice(ALLOW_ESCAPES.length)) {
      assert.notEqual(plain.status, 'declined', JSON.stringify(plain));
      assert.deepEqual(plain.approval, { decision: 'accept', by: 'policy' });
    }
  });

  it('asks for a script that does not parse, and (default deny list) refuses sudo with no --deny given', async () => {
    lab.scriptCommands([
      ['bash', '-c', 'echo "unterminated > parsed.txt'],
      ['sh', '-c', 'sudo -n true; touch after-sudo'],
    ]);
    const run = await lab.exec(['--approval', 'full-auto', 'go']);
    assert.equal(run.code, 0, run.stderr);
    const [unparsed, sudo] = AttackLab.commands(run);
    assert.equal(unparsed!.status, 'declined');
    assert.match(unparsed!.output, /could not be parsed/);
    assert.equal(sudo!.status, 'declined');
    assert.match(sudo!.output, /'sudo -n true' is on the deny list/);
    assert.equal(lab.read('after-sudo'), undefined);
  });
});
