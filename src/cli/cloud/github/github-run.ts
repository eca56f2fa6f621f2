// `crosswind cloud run --github OWNER/REPO "task"`: dispatches the Crosswind workflow
// (docs/github-actions/crosswind-task.yml) on a branch that is already pushed, finds the run it made (its
// run-name carries the task id), and keeps a record to follow it and fetch its result. The run works on
// the branch as GitHub has it: local uncommitted changes are not part of it, and the command says so.
import type { ApprovalPolicy, CloudTaskProvider, CloudTaskRecord } from '../../../protocol';
import { EXIT_OK, UsageError, writeLine, type CliIO } from '../../command';
import { git } from '../../../host/git/git-run';
import { headCommit, worktreeTree } from '../../../host/git/snapshot';
import { saveTask } from '../cloud-state';
import { GitHubApi, type WorkflowRun } from './github-api';

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** How long to look for the run a dispatch made (GitHub creates it within seconds). */
const FIND_RUN_MS = 90_000;

export interface GithubDispatch {
  repository: string;
  workflow: string;
  ref: string | undefined;
  prompt: string;
  taskId: string;
  workspace: string;
  approval: ApprovalPolicy;
  provider: CloudTaskProvider;
  budgetUsd: number | undefined;
  title: string;
}

/** The run of `taskId` among a workflow's recent runs: its run-name is "crosswind task <id>". */
export function findTaskRun(runs: WorkflowRun[], taskId: string): WorkflowRun | undefined {
  return runs.find((r) => (r.display_title ?? r.name ?? '').includes(taskId));
}

export async function locateRun(api: GitHubApi, repository: string, workflow: string, taskId: string, since: number, limitMs: number): Promise<WorkflowRun | undefined> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    // A minute of slack for the difference between this clock and GitHub's.
    const run = findTaskRun(await api.runs(repository, workflow, new Date(since - 60_000)), taskId);
    if (run || Date.now() > deadline) return run;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export async function dispatchGithubTask(io: CliIO, d: GithubDispatch): Promise<number> {
  if (!REPOSITORY.test(d.repository)) throw new UsageError(`--github takes OWNER/REPO, not '${d.repository}'`);
  const api = new GitHubApi(io.env);
  let ref = d.ref;
  if (!ref) {
    ref = await git(['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: d.workspace }).catch(() => 'HEAD');
    if (ref === 'HEAD') throw new UsageError('HEAD is detached: name the branch the run should check out with --ref BRANCH');
  }
  const head = await headCommit(d.workspace);
  if (head && (await worktreeTree(d.workspace)) !== (await git(['rev-parse', `${head}^{tree}`], { cwd: d.workspace }))) {
    writeLine(io.stderr, `note: the run checks out ${ref} as pushed to GitHub; your uncommitted changes are not part of it`);
  }
  const requestedBy = await git(['config', 'user.email'], { cwd: d.workspace }).catch(() => '');
  const dispatchedAt = Date.now();
  await api.dispatch(d.repository, d.workflow, ref, {
    task_id: d.taskId,
    prompt: d.prompt,
    approval: d.approval,
    provider: JSON.stringify(d.provider),
    budget_usd: d.budgetUsd ? String(d.budgetUsd) : '',
    requested_by: requestedBy,
  });
  const target = { kind: 'github' as const, repository: d.repository, workflow: d.workflow, ref, dispatchedAt };
  const record: CloudTaskRecord = {
    version: 1,
    taskId: d.taskId,
    target,
    workspace: d.workspace,
    base: null,
    title: d.title,
    approval: d.approval,
    createdAt: dispatchedAt,
    lastStatus: 'running',
  };
  await saveTask(io.env, record);
  writeLine(io.stdout, d.taskId);
  const run = await locateRun(api, d.repository, d.workflow, d.taskId, dispatchedAt, FIND_RUN_MS);
  if (run) {
    await saveTask(io.env, { ...record, target: { ...target, runId: run.id, runUrl: run.html_url } });
    writeLine(io.stderr, `dispatched ${d.workflow} on ${d.repository}@${ref}: ${run.html_url}`);
  } else {
    writeLine(io.stderr, `dispatched ${d.workflow} on ${d.repository}@${ref}; its run has not appeared yet (crosswind cloud status ${d.taskId} looks again)`);
  }
  writeLine(io.stderr, `Its patch:   crosswind cloud result ${d.taskId} --apply`);
  return EXIT_OK;
}
