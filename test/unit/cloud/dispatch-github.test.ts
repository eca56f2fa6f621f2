// `crosswind cloud run --github OWNER/REPO` the way a user runs it, against a loopback GitHub REST API
// that reads the real workflow template (docs/github-actions/crosswind-task.yml: its dispatch inputs and
// run-name), and a "runner" that does what the template's steps do — check out the pushed branch, run
// `crosswind exec --json` on the loopback Bedrock, `crosswind cloud pack`, upload the artifact — with the
// real CLI. The dispatcher then follows the run, downloads the artifact through GitHub's storage
// redirect, verifies the audit log and applies the patch; a tampered log is refused; GitHub's refusals
// are said with their fix.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import yaml from 'js-yaml';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { readWorkflow, startGitHubServer, type GitHubServer, type Run } from '../../support/github-server';
import { waitUntil } from '../../support/serve-process';
import { runCli } from '../cli/run-cli';

const ROOT = path.resolve(__dirname, '../../..');
const TEMPLATE_PATH = path.join(ROOT, 'docs/github-actions/crosswind-task.yml');
const TEMPLATE = fs.readFileSync(TEMPLATE_PATH, 'utf8');
const AWS = { accessKeyId: 'AKIDGITHUBDISPATCH01', secretAccessKey: 'github/dispatch/secret/key/for/tests/01' };
const ROLE = 'arn:aws:sts::123456789012:assumed-role/CrosswindGitHubActions/crosswind-9000';
const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const TOKEN = 'ghp_loopbacktesttoken0000000000000000000';
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', '*** Update File: math.js', '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 'alice@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 'alice@example.com' };
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();
}

/** The template's jq: {"apiVersion": "x"} → --api-version=x. */
function providerFlags(json: string): string[] {
  return Object.entries(JSON.parse(json) as Record<string, string>).map(([k, v]) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}=${v}`);
}

describe('crosswind cloud run --github: a task on GitHub Actions', function () {
  this.timeout(180_000);
  let bedrock: BedrockServer;
  let github: GitHubServer;
  let dir: string;
  let repo: string;
  let origin: string;
  let env: Record<string, string>;
  /** What the next run does to its result before uploading it. */
  let tamper = false;
  const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...env, ...extra }, cwd: repo });

  /** The template's steps, on a "runner": checkout, exec --json, pack, upload. */
  async function runWorkflow(run: Run): Promise<void> {
    run.status = 'in_progress';
    const work = fs.mkdtempSync(path.join(dir, `run-${run.id}-`));
    const checkout = path.join(work, 'checkout');
    git(dir, 'clone', '-q', '--branch', run.ref, origin, checkout);
    const home = path.join(work, 'home');
    const out = path.join(work, 'out');
    fs.mkdirSync(home);
    fs.mkdirSync(out);
    const runnerEnv = {
      HOME: home,
      AWS_ACCESS_KEY_ID: AWS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: bedrock.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      GITHUB_RUN_ID: String(run.id),
      GITHUB_REPOSITORY: run.repository,
    };
    const exec = await runCli(
      ['exec', '--json', '--approval', run.inputs.approval!, ...providerFlags(run.inputs.provider!), '--audit-log', path.join(home, 'audit.jsonl'), '--', run.inputs.prompt!],
      { env: runnerEnv, cwd: checkout },
    );
    fs.writeFileSync(path.join(out, 'events.jsonl'), exec.stdout);
    const pack = await runCli(
      ['cloud', 'pack', '--task-id', run.inputs.task_id!, '--events', path.join(out, 'events.jsonl'), '--audit-log', path.join(home, 'audit.jsonl'), '--out', path.join(out, 'result.json'), '--base', 'HEAD', '--requested-by', run.inputs.requested_by!],
      { env: runnerEnv, cwd: checkout },
    );
    assert.equal(pack.code, 0, pack.stderr);
    let result = fs.readFileSync(path.join(out, 'result.json'), 'utf8');
    if (tamper) {
      // A record taken out of the middle of the log (the patch's own record, say): the chain breaks there.
      const r = JSON.parse(result) as { audit: string };
      const lines = r.audit.split('\n');
      assert.ok(lines.length > 3);
      result = JSON.stringify({ ...r, audit: [...lines.slice(0, 1), ...lines.slice(2)].join('\n') });
    }
    const zip = Buffer.from(zipSync({ 'result.json': strToU8(result), 'events.jsonl': strToU8(exec.stdout) }));
    github.complete(run, exec.code === 0 ? 'success' : 'failure', { [`crosswind-task-${run.inputs.task_id}`]: zip });
  }

  before(async () => {
    bedrock = await startBedrockServer({ credentials: AWS, region: 'us-east-1', identity: { arn: ROLE, account: '123456789012' } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-github-'));
    github = await startGitHubServer({
      token: TOKEN,
      workflows: { 'acme/widgets': { 'crosswind-task.yml': readWorkflow('.github/workflows/crosswind-task.yml', TEMPLATE) } },
      onDispatch: (run) => {
        if (run.inputs.prompt !== 'wait') return runWorkflow(run);
      },
    });
  });
  after(async () => {
    await github.close();
    await bedrock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    origin = fs.mkdtempSync(path.join(dir, 'origin-'));
    git(origin, 'init', '-q', '--bare', '-b', 'main');
    repo = fs.mkdtempSync(path.join(dir, 'work-'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'alice@example.com');
    fs.writeFileSync(path.join(repo, 'math.js'), MATH);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'first');
    git(repo, 'push', '-q', origin, 'main');
    tamper = false;
    env = {
      HOME: path.join(dir, 'home'),
      XDG_STATE_HOME: `${repo}-state`,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      GH_TOKEN: TOKEN,
      GITHUB_API_URL: github.url,
    };
  });

  const provider = () => ['--provider', 'bedrock', '--model', MODEL, '--region', 'us-east-1', '--endpoint', bedrock.url];

  it('dispatches the template with the inputs it declares, follows the run, verifies the artifact and applies its patch', async () => {
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1000, output: 50 } },
      { steps: [{ type: 'text', text: 'Exported sum.' }], usage: { input: 1200, output: 10 } },
    ]);
    const started = await cli(['cloud', 'run', '--github', 'acme/widgets', ...provider(), 'Export a sum alias']);
    assert.equal(started.code, 0, started.stderr);
    const taskId = started.stdout.trim();
    assert.match(taskId, /^task-[0-9a-f]{24}$/);
    const run = github.runs.at(-1)!;
    assert.equal(run.display_title, `crosswind task ${taskId}`, "the template's run-name names the task");
    assert.equal(run.ref, 'main');
    assert.deepEqual(JSON.parse(run.inputs.provider!), { provider: 'bedrock', model: MODEL, region: 'us-east-1', endpoint: bedrock.url });
    assert.equal(run.inputs.requested_by, 'alice@example.com');
    assert.match(started.stderr, new RegExp(`dispatched crosswind-task\\.yml on acme/widgets@main: ${github.url}/acme/widgets/actions/runs/${run.id}`));

    const follow = await cli(['cloud', 'events', taskId, '--follow']);
    assert.equal(follow.code, 0, follow.stderr);
    assert.match(follow.stderr, /: completed \(success\)/);
    assert.match(follow.stdout, /Exported sum\./);

    const applied = await cli(['cloud', 'result', taskId, '--apply']);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stderr, new RegExp(`${taskId}: completed, \\$[0-9.]+, ran as ${ROLE.replace(/[/]/g, '\\/')} \\(GitHub Actions run ${run.id} in acme/widgets\\)`));
    assert.match(applied.stderr, /audit log verified: \d+ records \(with the key that came with it: integrity, not origin\)/);
    assert.equal(fs.readFileSync(path.join(repo, 'math.js'), 'utf8'), MATH.replace('{ add }', '{ add, sum: add }'));
    const artifactCalls = github.calls.filter((c) => c.path.includes('/artifacts/') || c.path.startsWith('/_storage/'));
    assert.ok(artifactCalls.some((c) => c.status === 302) && artifactCalls.some((c) => c.path.startsWith('/_storage/') && c.status === 200), 'the zip came through the storage redirect');
  });

  it('refuses the patch of a run whose audit log was altered', async () => {
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    tamper = true;
    const started = await cli(['cloud', 'run', '--github', 'acme/widgets', ...provider(), 'Export a sum alias']);
    assert.equal(started.code, 0, started.stderr);
    const taskId = started.stdout.trim();
    await waitUntil(async () => (github.runs.at(-1)!.status === 'completed' ? true : undefined), 60_000, 'the run to complete', 200);
    const r = await cli(['cloud', 'result', taskId, '--apply']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not showing the patch: the audit log does not verify/);
    assert.equal(fs.readFileSync(path.join(repo, 'math.js'), 'utf8'), MATH, 'nothing was applied');
  });

  it('cancels a queued run, and says what GitHub refused with the fix', async () => {
    const started = await cli(['cloud', 'run', '--github', 'acme/widgets', ...provider(), 'wait']);
    assert.equal(started.code, 0, started.stderr);
    const taskId = started.stdout.trim();
    const cancel = await cli(['cloud', 'cancel', taskId]);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.match(cancel.stdout, new RegExp(`${taskId}: cancel requested for .*/actions/runs/${github.runs.at(-1)!.id}`));
    assert.ok(github.runs.at(-1)!.cancelRequested);
    const pending = await cli(['cloud', 'result', taskId]);
    assert.equal(pending.code, 1);
    assert.match(pending.stderr, /still running/);

    const badToken = await cli(['cloud', 'run', '--github', 'acme/widgets', ...provider(), 'hi'], { GH_TOKEN: 'ghp_wrong' });
    assert.equal(badToken.code, 1);
    assert.match(badToken.stderr, /answered 401: Bad credentials\. The token is not valid: check GH_TOKEN/);
    const noWorkflow = await cli(['cloud', 'run', '--github', 'acme/widgets', '--workflow', 'other.yml', ...provider(), 'hi']);
    assert.equal(noWorkflow.code, 1);
    assert.match(noWorkflow.stderr, /answered 404: Not Found\. .*the workflow file is not on that branch/);
    const noToken = await cli(['cloud', 'run', '--github', 'acme/widgets', ...provider(), 'hi'], { GH_TOKEN: '' });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /set GH_TOKEN/);
    // A task this machine did not start: the message names the command that lists those it did.
    const unknown = await cli(['cloud', 'result', 'task-000000000000000000000000']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no cloud task task-0{24} was started from this machine \(crosswind cloud status lists those that were\)/);
  });

  it('the template: OIDC to AWS or Azure, exec --json in the image, the artifact the dispatcher reads', () => {
    const wf = yaml.load(TEMPLATE) as {
      permissions: Record<string, string>;
      jobs: { task: { steps: { uses?: string; with?: Record<string, string>; run?: string }[] } };
    };
    assert.equal(wf.permissions['id-token'], 'write');
    assert.equal(wf.permissions.contents, 'read');
    const steps = wf.jobs.task.steps;
    const aws = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    assert.ok(aws?.with?.['role-to-assume'], 'AWS through role-to-assume (OIDC), no stored keys');
    assert.ok(steps.some((s) => s.uses?.startsWith('azure/login@') && s.with?.['client-id'] && !s.with.creds), 'Azure through OIDC, no stored secret');
    assert.ok(steps.some((s) => /cli\.js exec --json/.test(s.run ?? '')));
    assert.ok(steps.some((s) => /cli\.js cloud pack --task-id/.test(s.run ?? '')));
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(upload?.with?.name, 'crosswind-task-${{ inputs.task_id }}');
    assert.doesNotMatch(TEMPLATE, /\$\{\{\s*secrets\./, 'no repository secret is needed');
  });
});
