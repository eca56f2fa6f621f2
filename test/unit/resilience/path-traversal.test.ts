// A path-traversal corpus through every tool the model has — read_file, list_dir, grep_files, apply_patch
// (Add, Update, Delete, Move to) and shell's workdir — via the whole engine in full-auto over a real folder,
// with a sentinel folder beside the workspace. Whatever the spelling (relative, absolute, symlinked,
// percent-encoded, Windows-style, NUL bytes, very long, '~', trailing dots and spaces), a path that leads
// outside is refused with a reason the model can read, the turn goes on, nothing outside changes, and the
// sentinel's secret never reaches the model.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashTree } from '../../support/fault-checks';
import { FaultEngine } from '../../support/fault-engine';
import { startCloud, type Cloud } from '../../support/engine-harness';
import type { ScriptStep } from '../../support/scripted-model';
import { call, codexPatch, tempDirs, toolResults, writeFiles } from './helpers';

/** 'out': must be refused. 'odd': a strange name that stays inside (or names nothing): anything but an escape. */
type Entry = { path: string; kind: 'out' | 'odd' };

function corpus(base: string, ws: string, outside: string): Entry[] {
  const out = (p: string): Entry => ({ path: p, kind: 'out' });
  const odd = (p: string): Entry => ({ path: p, kind: 'odd' });
  return [
    // relative
    out('../outside/secret.txt'),
    out('../outside'),
    out('sub/../../outside/secret.txt'),
    out('./../outside/secret.txt'),
    out(`${'../'.repeat(12)}etc/passwd`),
    out(`${'../'.repeat(1500)}etc/passwd`),
    // absolute
    out(`${outside}/secret.txt`),
    out(outside),
    out(`${ws}/../outside/secret.txt`),
    out('/etc/passwd'),
    out(base),
    // symlinks inside the workspace that lead out: to a file, to a folder, through a parent, dangling
    out('link-file'),
    out('link-dir'),
    out('link-dir/secret.txt'),
    out('link-dir/new.txt'),
    out('sub/up/outside/secret.txt'),
    out('dangling'),
    // Windows spellings ('\' is a separator whatever the platform; drives and UNC are absolute)
    out('..\\outside\\secret.txt'),
    out('sub\\..\\..\\outside\\secret.txt'),
    out('..//outside\\secret.txt'),
    out('\\..\\outside\\secret.txt'),
    out('C:\\Windows\\win.ini'),
    out('c:/outside/secret.txt'),
    out('C:secret.txt'),
    out('\\\\server\\share\\secret.txt'),
    out('//server/share/secret.txt'),
    out('\\\\?\\C:\\outside\\secret.txt'),
    // NUL bytes (a C library would stop reading at the NUL)
    out('a.txt\u0000../../outside/secret.txt'),
    out('../outside/secret.txt\u0000'),
    // names that look like an escape but are not one: they must stay inside, literally
    odd('%2e%2e%2foutside%2fsecret.txt'),
    odd('..%2f..%2foutside%2fsecret.txt'),
    odd('%2e%2e/outside/secret.txt'),
    odd('~'),
    odd('~/../outside/secret.txt'),
    odd('.. /outside/secret.txt'),
    odd('... /secret.txt'),
    odd('\u2025/outside/secret.txt'),
    odd('\uff0e\uff0e/outside/secret.txt'),
    odd('file:///etc/passwd'),
    // too long for the OS, a symlink loop: errors of the file system itself
    odd(`${'x'.repeat(300)}.txt`),
    odd(`${'deep/'.repeat(900)}x.txt`),
    odd('loop/x.txt'),
  ];
}

const SHELL_PROBE = 'const fs=require("fs");try{process.stdout.write(fs.readFileSync("secret.txt","utf8"))}catch{}fs.writeFileSync("pwned-by-shell.txt","x")';

describe('resilience: a path-traversal corpus through every tool', function () {
  this.timeout(60_000);
  let cloud: Cloud;
  let engine: FaultEngine | undefined;

  before(async () => {
    cloud = await startCloud('bedrock');
  });
  after(async () => {
    await engine?.engine.shutdown();
    await cloud.close();
  });

  it('refuses every path that leads outside, tells the model why, and leaves the outside untouched and unread', async () => {
    const { base, ws, state } = tempDirs('cw-traversal-');
    const outside = path.join(base, 'outside');
    const secret = `SENTINEL-${randomBytes(12).toString('hex')}`;
    writeFiles(outside, { 'secret.txt': `${secret}\n`, 'nested/deeper.txt': `${secret}\n` });
    writeFiles(ws, { 'a.txt': 'alpha\n', 'sub/b.txt': 'beta\n' });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link-file'));
    fs.symlinkSync(outside, path.join(ws, 'link-dir'));
    fs.symlinkSync('../..', path.join(ws, 'sub', 'up'));
    fs.symlinkSync(path.join(outside, 'new.txt'), path.join(ws, 'dangling'));
    fs.symlinkSync('loop', path.join(ws, 'loop'));
    fs.symlinkSync(path.join(ws, 'sub'), path.join(ws, 'in-link'));
    const outsideBefore = hashTree(outside);

    const entries = corpus(base, ws, outside);
    const forms: [string, (p: string) => [string, Record<string, unknown>]][] = [
      ['read', (p) => ['read_file', { file_path: p }]],
      ['list', (p) => ['list_dir', { dir_path: p }]],
      ['grep', (p) => ['grep_files', { pattern: 'SENTINEL', path: p }]],
      ['add', (p) => ['apply_patch', { input: codexPatch([`*** Add File: ${p}`, '+pwned']) }]],
      ['update', (p) => ['apply_patch', { input: codexPatch([`*** Update File: ${p}`, '@@', '+pwned']) }]],
      ['delete', (p) => ['apply_patch', { input: codexPatch([`*** Delete File: ${p}`]) }]],
      ['move', (p) => ['apply_patch', { input: codexPatch(['*** Update File: sub/b.txt', `*** Move to: ${p}`, '@@', '-beta', '+moved']) }]],
      ['shell', (p) => ['shell', { command: [process.execPath, '-e', SHELL_PROBE], workdir: p }]],
    ];
    // One model response per form, each calling the tool once per path; then the positive controls.
    const responses: { steps: ScriptStep[] }[] = forms.map(([form, make]) => ({ steps: entries.map((e, i) => call(`${form}_${i}`, ...make(e.path))) }));
    responses.push({
      steps: [
        call('ok_abs', 'read_file', { file_path: `${ws}/sub/../a.txt` }),
        call('ok_link', 'list_dir', { dir_path: 'in-link' }),
        call('ok_grep', 'grep_files', { pattern: 'beta|moved', path: ws }),
        call('ok_shell', 'shell', { command: [process.execPath, '-e', 'process.stdout.write(process.cwd())'], workdir: `${ws}/sub` }),
      ],
    });
    responses.push({ steps: [{ type: 'text', text: 'I stayed inside the workspace.' }] });
    cloud.script(responses);

    engine = await FaultEngine.start({ clouds: [cloud], workspace: ws, state, settings: { approvalPolicy: 'full-auto' } });
    const thread = await engine.engine.startThread({});
    const turn = await engine.run(thread.id, 'Try every path');

    assert.equal(turn.status, 'completed', JSON.stringify(turn.error));
    assert.equal(cloud.requests.length, responses.length);
    let refused = 0;
    for (const [k, [form]] of forms.entries()) {
      const results = toolResults(cloud.requests[k + 1]);
      for (const [i, e] of entries.entries()) {
        const r = results.get(`${form}_${i}`);
        assert.ok(r, `${form} ${JSON.stringify(e.path.slice(0, 80))}: no result`);
        assert.ok(!r.output.includes(secret), `${form} ${JSON.stringify(e.path.slice(0, 80))} read the sentinel: ${r.output.slice(0, 200)}`);
        if (e.kind === 'out') {
          assert.equal(r.isError, true, `${form} ${JSON.stringify(e.path.slice(0, 80))}: ${r.output.slice(0, 300)}`);
          assert.match(r.output, /outside the workspace|NUL character|relative to a drive/, `${form} ${JSON.stringify(e.path.slice(0, 80))}`);
          refused++;
        }
      }
    }
    assert.equal(hashTree(outside), outsideBefore, 'the folder outside changed');
    assert.ok(!fs.existsSync(path.join(base, 'pwned-by-shell.txt')) && !fs.existsSync(path.join(outside, 'pwned-by-shell.txt')));

    // The same tools still work inside, absolute paths included.
    const controls = toolResults(cloud.requests[forms.length + 1]);
    assert.match(controls.get('ok_abs')!.output, /^L1: alpha$/m);
    assert.match(controls.get('ok_link')!.output, /^b\.txt$|^up@$/m);
    assert.match(controls.get('ok_shell')!.output, new RegExp(`${path.join(ws, 'sub').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.equal(refused, forms.length * entries.filter((e) => e.kind === 'out').length);
  });
});
