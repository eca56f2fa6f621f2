// `crosswind cloud run "task"`: hands a task to the AgentCore runtime (or, with --github, to a GitHub
// Actions workflow). The workspace travels as a git bundle of HEAD plus uncommitted changes (or the
// runtime fetches --repo-url itself); the task gets a fresh audit key, kept here to verify its log; the
// requesting identity (STS) goes along. Prints the task id on stdout, what to do next on stderr.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { awsCallerIdentity } from '../../../providers/agentcore/runtime-identity';
import { ApprovalPolicy, type CloudTaskProvider, type CloudTaskRecord, type CloudTaskRepo } from '../../../protocol';
import { EXIT_FAILED, EXIT_OK, InputError, UsageError, writeLine, type CliIO } from '../../command';
import { git } from '../../../host/git/git-run';
import { EXEC_PROVIDER_FLAGS, providerFlagOptions, providerFlagsFrom } from '../../provider-options';
import { loadRuntime, saveTask } from '../cloud-state';
import { bundleWorkspace, DEFAULT_MAX_BUNDLE_BYTES, taskBaseRef } from '../../../host/cloud/repo-bundle';
import { dispatchGithubTask } from '../github/github-run';
import { AgentCoreTaskClient } from '../../../providers/agentcore/task-client';
import { parse, printEvents } from './shared';

/** The model's flags go to the runtime as they are; --profile is this machine's AWS profile, not the model's. */
const MODEL_FLAGS = EXEC_PROVIDER_FLAGS.filter((f) => f !== 'profile');

export const RUN_OPTIONS = {
  ...providerFlagOptions(MODEL_FLAGS),
  'runtime-arn': { type: 'string' },
  qualifier: { type: 'string' },
  profile: { type: 'string' },
  cwd: { type: 'string' },
  approval: { type: 'string' },
  budget: { type: 'string' },
  'timeout-minutes': { type: 'string' },
  'with-history': { type: 'boolean' },
  'repo-url': { type: 'string' },
  ref: { type: 'string' },
  'max-bundle-mb': { type: 'string' },
  follow: { type: 'boolean' },
  json: { type: 'boolean' },
  github: { type: 'string' },
  workflow: { type: 'string' },
} as const;

function newTaskId(): string {
  return `task-${randomBytes(12).toString('hex')}`;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number, not '${value}'`);
  return n;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parse(args, RUN_OPTIONS);
  const prompt = positionals.join(' ').trim();
  if (!prompt) throw new UsageError('say what the task is: crosswind cloud run "…"');
  const approval = ApprovalPolicy.safeParse(v.approval ?? 'auto-edit');
  if (!approval.success) throw new UsageError(`--approval is read-only, auto-edit or full-auto, not '${v.approval}'`);
  const cwd = path.resolve(io.cwd, v.cwd ?? '.');
  let workspace: string;
  try {
    workspace = await git(['rev-parse', '--show-toplevel'], { cwd });
  } catch {
    throw new InputError(`${cwd} is not in a git repository: a cloud task starts from a repository (git init, or --cwd)`);
  }
  const flags = providerFlagsFrom(v);
  const provider = Object.fromEntries(Object.entries(flags).filter(([k, val]) => k !== 'profile' && val !== undefined)) as CloudTaskProvider;
  const budgetUsd = positive('budget', v.budget);
  const timeoutMinutes = positive('timeout-minutes', v['timeout-minutes']);
  const taskId = newTaskId();
  const auditKey = randomBytes(32).toString('hex');
  const title = prompt.split('\n')[0]!.slice(0, 200);

  if (v.github) return dispatchGithubTask(io, { repository: v.github, workflow: v.workflow ?? 'crosswind-task.yml', ref: v.ref, prompt, taskId, workspace, approval: approval.data, provider, budgetUsd, title });
  if (v['repo-url'] && v['with-history']) throw new UsageError('--with-history is for the bundle; with --repo-url the runtime fetches the repository itself');

  const runtime = v['runtime-arn'] ? undefined : await loadRuntime(io.env);
  const runtimeArn = v['runtime-arn'] ?? io.env.CROSSWIND_AGENTCORE_RUNTIME_ARN ?? runtime?.runtimeArn;
  if (!runtimeArn) throw new UsageError('no runtime: pass --runtime-arn ARN, set CROSSWIND_AGENTCORE_RUNTIME_ARN, or run crosswind cloud deploy first');

  let repo: CloudTaskRepo;
  let base: CloudTaskRecord['base'] = null;
  let baseRef: string | undefined;
  if (v['repo-url']) {
    repo = { url: v['repo-url'], ...(v.ref ? { ref: v.ref } : {}) };
  } else {
    const maxMb = positive('max-bundle-mb', v['max-bundle-mb']);
    const bundle = await bundleWorkspace(workspace, taskId, { history: v['with-history'] ?? false, maxBytes: maxMb ? maxMb * 1048576 : DEFAULT_MAX_BUNDLE_BYTES });
    repo = { bundle: bundle.bytes.toString('base64') };
    base = { commit: bundle.snapshot.commit, tree: bundle.snapshot.tree };
    baseRef = taskBaseRef(taskId);
    writeLine(io.stderr, `bundled ${path.basename(workspace)} at ${bundle.snapshot.commit.slice(0, 12)} (HEAD plus uncommitted changes, ${(bundle.bytes.length / 1024).toFixed(0)} KB)`);
  }
  const requestedBy = await awsCallerIdentity(io.env, v.profile ? { profile: v.profile } : {});
  // One session per task: AgentCore gives it its own microVM. Session ids are 33–256 characters.
  const sessionId = `crosswind-${taskId}`;
  const target = { runtimeArn, sessionId, ...(v.qualifier ? { qualifier: v.qualifier } : {}), ...(v.profile ? { profile: v.profile } : {}) };
  const client = new AgentCoreTaskClient(io.env, target);
  const record: CloudTaskRecord = {
    version: 1,
    taskId,
    target: { kind: 'agentcore', runtimeArn, sessionId, ...(v.qualifier ? { qualifier: v.qualifier } : {}) },
    workspace,
    base,
    ...(baseRef ? { baseRef } : {}),
    auditKey,
    title,
    approval: approval.data,
    createdAt: Date.now(),
    lastStatus: 'running',
  };
  // Saved before the call: a start whose answer is lost can still be looked up and cancelled.
  await saveTask(io.env, record);
  const started = await client.start({
    action: 'start',
    taskId,
    prompt,
    repo,
    approval: approval.data,
    auditKey,
    ...(requestedBy.startsWith('unknown') ? {} : { requestedBy }),
    ...(Object.keys(provider).length ? { provider } : {}),
    ...(budgetUsd ? { budgetUsd } : {}),
    ...(timeoutMinutes ? { timeoutSeconds: Math.round(timeoutMinutes * 60) } : {}),
  });
  writeLine(io.stdout, taskId);
  writeLine(io.stderr, `started ${taskId} on ${runtimeArn} (${started.status})`);
  if (!v.follow) {
    writeLine(io.stderr, `Follow it:   crosswind cloud events ${taskId} --follow`);
    writeLine(io.stderr, `Its patch:   crosswind cloud result ${taskId} --apply`);
    return EXIT_OK;
  }
  const end = await printEvents(client, taskId, io, { afterSeq: 0, follow: true, json: v.json ?? false });
  await saveTask(io.env, { ...record, lastStatus: end.status as CloudTaskRecord['lastStatus'] });
  writeLine(io.stderr, `Its patch:   crosswind cloud result ${taskId} --apply`);
  return end.status === 'completed' ? EXIT_OK : EXIT_FAILED;
}
