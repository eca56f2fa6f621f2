// `crosswind cloud status [TASK]`: one task's status, cost and who ran it; without TASK, the tasks started
// from this machine, newest first, with the status last seen.
import { EXIT_OK, UsageError, writeLine, type CliIO } from '../../command';
import { listTasks, loadTask, saveTask } from '../cloud-state';
import { fetchResult } from './result';
import { parse, usd } from './shared';

const OPTIONS = { json: { type: 'boolean' }, profile: { type: 'string' } } as const;

export async function status(args: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (positionals.length > 1) throw new UsageError('one task at a time');
  if (positionals.length === 0) {
    const tasks = await listTasks(io.env);
    if (v.json) {
      writeLine(io.stdout, JSON.stringify(tasks.map(({ auditKey: _k, ...t }) => t)));
      return EXIT_OK;
    }
    if (tasks.length === 0) writeLine(io.stderr, 'no cloud tasks started from this machine yet (crosswind cloud run "…")');
    for (const t of tasks) {
      const where = t.target.kind === 'agentcore' ? 'agentcore' : `github ${t.target.repository}`;
      writeLine(io.stdout, `${t.taskId}  ${(t.lastStatus ?? '?').padEnd(9)}  ${new Date(t.createdAt).toISOString().slice(0, 16).replace('T', ' ')}  ${where}  ${t.title}`);
    }
    return EXIT_OK;
  }
  const record = await loadTask(io.env, positionals[0]!);
  const r = await fetchResult(record, io, v.profile);
  await saveTask(io.env, { ...record, lastStatus: r.status, costUsd: r.costUsd });
  if (v.json) {
    const { patch: _p, audit: _a, auditKey: _k, ...summary } = r;
    writeLine(io.stdout, JSON.stringify(summary));
    return EXIT_OK;
  }
  writeLine(io.stdout, `${record.taskId}: ${r.status}, ${usd(r.costUsd)}`);
  writeLine(io.stdout, `  ${record.title}`);
  if (r.identity) writeLine(io.stdout, `  ran as ${r.identity.runtimeIdentity}${r.identity.requestedBy ? ` for ${r.identity.requestedBy}` : ''}`);
  if (r.base) writeLine(io.stdout, `  base ${r.base.commit.slice(0, 12)}`);
  if (r.error) writeLine(io.stdout, `  ${r.error.message}`);
  return EXIT_OK;
}
