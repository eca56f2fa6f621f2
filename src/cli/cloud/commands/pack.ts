// `crosswind cloud pack`: in a GitHub Actions run, after `crosswind exec --json`, writes result.json — the
// task's result in exactly the shape crosswind serve answers with (docs/github-actions/crosswind-task.yml):
// status and cost from the run's last turn.completed event, `git diff --binary` from the base to the
// folder's files, the audit log with its head, the run's audit key (integrity, not origin: it travels with
// the log), and who ran it (the OIDC role's STS ARN, or the GitHub run).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { auditHeadPath, FileAuditHead } from '../../../host/audit-file';
import { readAuditKey } from '../../../host/audit-key';
import { awsCallerIdentity } from '../../../providers/agentcore/runtime-identity';
import { CloudTaskId, type CloudTaskResult, type Cost } from '../../../protocol';
import { EXIT_OK, InputError, UsageError, writeLine, type CliIO } from '../../command';
import { git } from '../../../host/git/git-run';
import { taskPatch } from '../../serve/task-repo';
import { auditKeyPath } from '../../state-dir';
import { parse } from './shared';

const OPTIONS = {
  'task-id': { type: 'string' },
  events: { type: 'string' },
  'audit-log': { type: 'string' },
  out: { type: 'string' },
  base: { type: 'string' },
  'requested-by': { type: 'string' },
  cwd: { type: 'string' },
} as const;

interface TurnCompleted {
  type: 'turn.completed';
  turn: { status: string; startedAt: number; completedAt?: number; error?: { message: string; fix?: string } };
  cost: Cost;
}

export async function pack(args: string[], io: CliIO): Promise<number> {
  const { values: v } = parse(args, OPTIONS);
  for (const flag of ['task-id', 'events', 'audit-log', 'out'] as const) if (!v[flag]) throw new UsageError(`--${flag} is required`);
  const taskId = CloudTaskId.safeParse(v['task-id']);
  if (!taskId.success) throw new UsageError(`--task-id '${v['task-id']}' is not a task id`);
  const cwd = path.resolve(io.cwd, v.cwd ?? '.');
  const resolve = (p: string) => path.resolve(io.cwd, p);
  const eventsText = await fs.readFile(resolve(v.events!), 'utf8').catch(() => {
    throw new InputError(`--events ${v.events}: no such file`);
  });
  const events = eventsText.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string });
  const last = [...events].reverse().find((e): e is TurnCompleted => e.type === 'turn.completed');
  const auditPath = resolve(v['audit-log']!);
  const audit = await fs.readFile(auditPath, 'utf8').catch(() => null);
  const head = (await new FileAuditHead(auditHeadPath(auditPath)).read().catch(() => undefined)) ?? null;
  const key = await readAuditKey(auditKeyPath(io.env));
  const baseRef = v.base ?? 'HEAD';
  const base = { commit: await git(['rev-parse', `${baseRef}^{commit}`], { cwd }), tree: await git(['rev-parse', `${baseRef}^{tree}`], { cwd }) };
  const patch = await taskPatch(cwd, base);
  const runner = io.env.GITHUB_RUN_ID ? `GitHub Actions run ${io.env.GITHUB_RUN_ID} in ${io.env.GITHUB_REPOSITORY ?? '?'}` : 'a local run';
  const aws = await awsCallerIdentity(io.env);
  const status = last?.turn.status === 'completed' ? 'completed' : 'failed';
  const result: CloudTaskResult = {
    taskId: taskId.data,
    status,
    patch: patch ? patch.text : null,
    ...(patch?.encoding === 'base64' ? { patchEncoding: 'base64' as const } : {}),
    base,
    costUsd: last?.cost.usd ?? null,
    cost: last?.cost ?? null,
    audit,
    auditHead: head,
    ...(key ? { auditKey: key } : {}),
    identity: { runtimeIdentity: aws.startsWith('unknown') ? runner : `${aws} (${runner})`, ...(v['requested-by'] ? { requestedBy: v['requested-by'] } : {}) },
    ...(status === 'failed' ? { error: last?.turn.error ?? { message: 'the run ended without completing its turn (see its log)' } } : {}),
    startedAt: last?.turn.startedAt ?? Date.now(),
    finishedAt: last?.turn.completedAt ?? Date.now(),
  };
  await fs.writeFile(resolve(v.out!), JSON.stringify(result) + '\n');
  writeLine(io.stderr, `crosswind cloud pack: ${status}, ${patch ? 'a patch' : 'no changes'}, ${result.costUsd ?? 'unknown'} USD → ${v.out}`);
  return EXIT_OK;
}
