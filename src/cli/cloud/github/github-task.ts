// A task on GitHub Actions after its dispatch: the run's status, its cancel, and — once it has completed —
// its result and events from the run's artifact "crosswind-task-<id>" (result.json, written by
// `crosswind cloud pack` in the run in the very shape crosswind serve answers, and events.jsonl, the
// run's `crosswind exec --json` output).
import { CloudTaskResult, type CloudTaskEvent, type CloudTaskRecord } from '../../../protocol';
import { EXIT_FAILED, EXIT_OK, writeLine, type CliIO } from '../../command';
import { saveTask } from '../cloud-state';
import { cloudEventPrinter } from '../event-printer';
import { GitHubApi, type WorkflowRun } from './github-api';
import { locateRun } from './github-run';

type Env = Record<string, string | undefined>;
type GithubTarget = Extract<CloudTaskRecord['target'], { kind: 'github' }>;

export function artifactName(taskId: string): string {
  return `crosswind-task-${taskId}`;
}

function target(record: CloudTaskRecord): GithubTarget {
  if (record.target.kind !== 'github') throw new Error('not a GitHub Actions task');
  return record.target;
}

async function runOf(api: GitHubApi, record: CloudTaskRecord, env: Env): Promise<WorkflowRun | undefined> {
  const t = target(record);
  if (t.runId) return api.run(t.repository, t.runId);
  const run = await locateRun(api, t.repository, t.workflow, record.taskId, t.dispatchedAt, 0);
  if (run) await saveTask(env, { ...record, target: { ...t, runId: run.id, runUrl: run.html_url } });
  return run;
}

async function artifactFiles(api: GitHubApi, record: CloudTaskRecord, run: WorkflowRun): Promise<Map<string, Buffer> | undefined> {
  const artifact = (await api.artifacts(target(record).repository, run.id)).find((a) => a.name === artifactName(record.taskId) && !a.expired);
  return artifact ? api.download(target(record).repository, artifact) : undefined;
}

function pending(record: CloudTaskRecord, message?: string): CloudTaskResult {
  return { taskId: record.taskId, status: 'running', patch: null, base: null, costUsd: null, cost: null, audit: null, auditHead: null, identity: null, startedAt: record.createdAt, ...(message ? { error: { message } } : {}) };
}

export async function githubResult(record: CloudTaskRecord, env: Env): Promise<CloudTaskResult> {
  const api = new GitHubApi(env);
  const run = await runOf(api, record, env);
  if (!run) return pending(record, 'the workflow run has not appeared yet');
  if (run.status !== 'completed') return pending(record);
  const files = await artifactFiles(api, record, run);
  const text = files?.get('result.json')?.toString('utf8');
  if (!text) {
    return {
      ...pending(record),
      status: run.conclusion === 'cancelled' ? 'cancelled' : 'failed',
      error: { message: `the run ended (${run.conclusion ?? 'no conclusion'}) without a ${artifactName(record.taskId)} artifact holding result.json: see ${run.html_url}` },
    };
  }
  const parsed = CloudTaskResult.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`the run's result.json is not a task result (${parsed.error.issues[0]?.message}): ${run.html_url}`);
  if (parsed.data.taskId !== record.taskId) throw new Error(`the run's result.json is task ${parsed.data.taskId}'s, not ${record.taskId}'s`);
  return parsed.data;
}

/** 8 hours of 10-second polls, and some. */
const MAX_POLLS = 3000;

export async function githubEvents(record: CloudTaskRecord, io: CliIO, options: { json: boolean; follow: boolean }): Promise<number> {
  const api = new GitHubApi(io.env);
  let shown = '';
  for (let i = 0; i < MAX_POLLS; i++) {
    const run = await runOf(api, record, io.env);
    const state = run ? `${run.status}${run.conclusion ? ` (${run.conclusion})` : ''}` : 'not started yet';
    if (state !== shown) writeLine(io.stderr, `run ${run?.html_url ?? ''}: ${(shown = state)}`);
    if (run?.status === 'completed') {
      const lines = (await artifactFiles(api, record, run))?.get('events.jsonl')?.toString('utf8').split('\n').filter(Boolean) ?? [];
      const print = cloudEventPrinter(io.stdout, io.stderr, options.json);
      lines.forEach((line, n) => print({ seq: n + 1, ...(JSON.parse(line) as { type: string }) } as CloudTaskEvent));
      return run.conclusion === 'success' ? EXIT_OK : EXIT_FAILED;
    }
    if (!options.follow) {
      writeLine(io.stderr, 'a GitHub Actions task shows its events once its run has completed (--follow waits for it)');
      return EXIT_OK;
    }
    await new Promise((r) => setTimeout(r, 10_000));
  }
  return EXIT_FAILED;
}

export async function cancelGithubTask(record: CloudTaskRecord, io: CliIO): Promise<number> {
  const api = new GitHubApi(io.env);
  const run = await runOf(api, record, io.env);
  if (!run) {
    writeLine(io.stderr, `the run of ${record.taskId} has not appeared yet; try again in a moment`);
    return EXIT_FAILED;
  }
  await api.cancel(target(record).repository, run.id);
  await saveTask(io.env, { ...record, lastStatus: 'cancelled' });
  writeLine(io.stdout, `${record.taskId}: cancel requested for ${run.html_url}`);
  return EXIT_OK;
}
