// Project instructions as `crosswind exec` gives them to the model: a real CLI process, a loopback Bedrock
// server, and assertions on the request bodies it received — the root AGENTS.md, the Copilot file and
// `applyTo: "**"` files in the system prompt; a nested AGENTS.md and a matching .instructions.md with the
// tool result (or user message) of the turn that touches their files; the size limit; the turn's
// `instructions` item in --json.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCloud, type Cloud } from '../../support/engine-harness';
import { runCli } from './run-cli';

interface JsonEvent {
  type: string;
  item?: { type: string; files?: { path: string; source: string; appliesTo: string; bytes: number; truncated: boolean }[]; notice?: string };
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

describe('crosswind exec: project instructions', function () {
  this.timeout(60_000);
  let cloud: Cloud;
  let dir: string;
  let repo: string;
  let env: Record<string, string>;
  let flags: string[];

  beforeEach(async () => {
    cloud = await startCloud('bedrock');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-instr-'));
    repo = path.join(dir, 'repo');
    write(repo, 'src/api/users.ts', 'export const users = [];\n');
    write(repo, 'src/ui/view.ts', 'export const view = 1;\n');
    write(repo, 'tools/build.py', 'print("build")\n');
    env = { ...cloud.env, HOME: path.join(dir, 'home'), XDG_STATE_HOME: path.join(dir, 'state'), AWS_REGION: 'us-east-1' };
    const p = cloud.profile as { model: string; endpoint?: string };
    flags = ['--provider', 'bedrock', '--model', p.model, '--region', 'us-east-1', '--endpoint', p.endpoint!, '--json', '--cwd', repo];
  });
  afterEach(async () => {
    await cloud.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const exec = async (prompt: string) => {
    const r = await runCli(['exec', ...flags, prompt], { env, cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonEvent);
    const items = events.filter((e) => (e.type === 'item.completed' || e.item?.type === 'instructions' && e.type === 'item.updated') && e.item?.type === 'instructions').map((e) => e.item!);
    return { events, instructions: items[items.length - 1] };
  };
  /** The text of one request body as the server received it (every field, not only what the harness parsed). */
  const body = (i: number) => JSON.stringify(cloud.requests[i]!.raw);

  it('puts the root AGENTS.md, the Copilot file and applyTo "**" files in the system prompt of every request, and lists them', async () => {
    write(repo, 'AGENTS.md', '# Rules\nRun `npm run lint-root-7731` before finishing.\n');
    write(repo, '.github/copilot-instructions.md', 'Prefer tabs-copilot-4410 for indentation.\n');
    write(repo, '.github/instructions/all.instructions.md', '---\napplyTo: "**"\ndescription: everywhere\n---\nSay always-applies-9902 in commit messages.\n');
    write(repo, '.github/instructions/python.instructions.md', '---\napplyTo: "**/*.py"\n---\nUse python-rule-5518 type hints.\n');
    cloud.script([{ steps: [{ type: 'text', text: 'Noted.' }] }]);
    const { instructions } = await exec('Say hello');
    const system = cloud.requests[0]!.system;
    for (const marker of ['lint-root-7731', 'tabs-copilot-4410', 'always-applies-9902']) {
      assert.ok(system.includes(marker), `system prompt lacks ${marker}`);
      assert.ok(body(0).includes(marker), `request body lacks ${marker}`);
    }
    // The front matter is not instructions; a Python-only file is not given for a turn that touches no Python.
    assert.ok(!system.includes('description: everywhere'), 'front matter leaked into the prompt');
    assert.ok(!body(0).includes('python-rule-5518'), 'a file whose applyTo matches nothing was given');
    assert.deepEqual(
      instructions?.files?.map((f) => [f.path, f.source]),
      [
        ['AGENTS.md', 'agents'],
        ['.github/copilot-instructions.md', 'copilot'],
        ['.github/instructions/all.instructions.md', 'instructions'],
      ],
    );
  });

  it('gives a nested AGENTS.md with the result of the tool call that reads a file below it, nearest last, once per thread', async () => {
    write(repo, 'AGENTS.md', 'Root rule root-1001.\n');
    write(repo, 'src/AGENTS.md', 'Src rule src-2002.\n');
    write(repo, 'src/api/AGENTS.md', 'Api rule api-3003: the nearest one wins.\n');
    write(repo, 'src/ui/AGENTS.md', 'Ui rule ui-4004.\n');
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'src/api/users.ts' } }] },
      { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'src/api/users.ts' } }] },
      { steps: [{ type: 'text', text: 'Read it.' }] },
    ]);
    const { instructions } = await exec('Look at the users list');
    // Before the read, only the root file was given.
    assert.ok(cloud.requests[0]!.system.includes('root-1001'));
    assert.ok(!body(0).includes('src-2002') && !body(0).includes('api-3003'));
    // The read's result carries src/AGENTS.md then src/api/AGENTS.md (the nearest last), never src/ui's.
    const results = cloud.requests[1]!.messages.filter((m): m is { role: 'tool'; toolResult: { id: string; output: string; isError: boolean } } => 'toolResult' in m);
    const out = results[0]!.toolResult.output;
    assert.ok(out.includes('export const users'), out);
    assert.ok(out.indexOf('src-2002') > 0 && out.indexOf('api-3003') > out.indexOf('src-2002'), out);
    assert.ok(!body(1).includes('ui-4004'));
    assert.ok(body(1).includes('api-3003'), 'the nested AGENTS.md did not reach the request body');
    // The second read of the same folder does not repeat them.
    const second = cloud.requests[2]!.messages.filter((m): m is { role: 'tool'; toolResult: { id: string; output: string; isError: boolean } } => 'toolResult' in m);
    assert.ok(!second[1]!.toolResult.output.includes('api-3003'), 'the same instructions were given twice');
    assert.deepEqual(
      instructions?.files?.map((f) => [f.path, f.appliesTo]),
      [
        ['AGENTS.md', 'the whole workspace'],
        ['src/AGENTS.md', 'src/api/users.ts'],
        ['src/api/AGENTS.md', 'src/api/users.ts'],
      ],
    );
  });

  it('gives an .instructions.md whose applyTo matches a file the user names with the user message', async () => {
    write(repo, '.github/instructions/python.instructions.md', '---\napplyTo: "**/*.py, scripts/**"\n---\nUse python-rule-5518 type hints.\n');
    write(repo, '.github/instructions/ts.instructions.md', '---\napplyTo: "src/**/*.ts"\n---\nts-rule-6627.\n');
    cloud.script([{ steps: [{ type: 'text', text: 'Ok.' }] }]);
    const { instructions } = await exec('Add a --verbose flag to tools/build.py');
    const user = cloud.requests[0]!.messages.find((m): m is { role: 'user'; text: string } => m.role === 'user' && 'text' in m)!;
    assert.ok(user.text.includes('python-rule-5518'), user.text);
    assert.ok(!body(0).includes('ts-rule-6627'));
    assert.deepEqual(instructions?.files?.map((f) => [f.path, f.appliesTo]), [['.github/instructions/python.instructions.md', 'tools/build.py']]);
  });

  it('cuts a file over 16,000 characters, tells the model where the rest is, and marks it truncated', async () => {
    const big = `# Big\n${'line of rules\n'.repeat(2000)}TAIL-MARKER-8080\n`;
    write(repo, 'AGENTS.md', big);
    cloud.script([{ steps: [{ type: 'text', text: 'Ok.' }] }]);
    const { instructions } = await exec('Say hello');
    const system = cloud.requests[0]!.system;
    assert.ok(!system.includes('TAIL-MARKER-8080'));
    assert.ok(system.includes('cut at 16,000 characters: read AGENTS.md for the rest'), system.slice(-300));
    assert.deepEqual(instructions?.files?.map((f) => [f.path, f.truncated, f.bytes]), [['AGENTS.md', true, big.trim().length]]);
  });

  it('leaves out a file once 32,000 characters are given in a turn, and names it to the model and in the item', async () => {
    write(repo, 'AGENTS.md', 'a'.repeat(17_000));
    write(repo, '.github/copilot-instructions.md', 'b'.repeat(17_000));
    write(repo, '.github/instructions/all.instructions.md', '---\napplyTo: "**"\n---\nLEFT-OUT-7777 rules.\n');
    cloud.script([{ steps: [{ type: 'text', text: 'Ok.' }] }]);
    const { instructions } = await exec('Say hello');
    const system = cloud.requests[0]!.system;
    assert.ok(!system.includes('LEFT-OUT-7777'));
    assert.ok(system.includes('left out to fit the size limit — read it: .github/instructions/all.instructions.md'), system.slice(-400));
    assert.deepEqual(instructions?.files?.map((f) => f.path), ['AGENTS.md', '.github/copilot-instructions.md']);
    assert.match(instructions?.notice ?? '', /Left out to stay within 32,000 characters of instructions per turn: \.github\/instructions\/all\.instructions\.md/);
  });

  it('a workspace without instruction files sends the bare system prompt and no instructions item', async () => {
    cloud.script([{ steps: [{ type: 'text', text: 'Ok.' }] }]);
    const { instructions } = await exec('Say hello');
    assert.ok(!cloud.requests[0]!.system.includes('Project instructions'));
    assert.equal(instructions, undefined);
  });
});
