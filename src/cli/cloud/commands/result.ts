// `crosswind cloud result TASK`: the task's outcome — status, cost, who ran it — and, only once its audit
// log has verified with the key this machine kept, its patch: printed, written to a file, or applied to
// the workspace it was started from if that still matches the base (--3way merges otherwise).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stopRuntimeSession } from '../../../providers/agentcore/runtime-invoke';
import type { CloudTaskRecord, CloudTaskResult } from '../../../protocol';
import { EXIT_FAILED, EXIT_OK, writeLine, type CliIO } from '../../command';
import { loadTask, saveTask } from '../cloud-state';
import { githubResult } from '../github/github-task';
import { applyTaskPatch, checkTaskAudit, patchBytes } from '../../../host/cloud/task-result';
import { agentCoreClient, oneTaskId, parse, usd } from './shared';

const OPTIONS = {
  apply: { type: 'boolean' },
  '3way': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  'stop-session': { type: 'boolean' },
  profile: { type: 'string' },
} as const;

export async function fetchResult(record: CloudTaskRecord, io: CliIO, profile?: string): Promise<CloudTaskResult> {
  return record.target.kind === 'agentcore' ? agentCoreClient(record, io.env, profile).result(record.taskId) : githubResult(record, io.env);
}

export async function result(args: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  const record = await loadTask(io.env, oneTaskId(positionals));
  const r = await fetchResult(record, io, v.profile);
  await saveTask(io.env, { ...record, lastStatus: r.status, costUsd: r.costUsd });
  if (r.status === 'running') {
    writeLine(io.stderr, `${record.taskId} is still running (${usd(r.costUsd)} so far): crosswind cloud events ${record.taskId} --follow`);
    return EXIT_FAILED;
  }
  writeLine(io.stderr, `${record.taskId}: ${r.status}, ${usd(r.costUsd)}${r.identity ? `, ran as ${r.identity.runtimeIdentity}` : ''}`);
  if (r.error) writeLine(io.stderr, `  ${r.error.message}${r.error.fix ? `\n  fix: ${r.error.fix}` : ''}`);

  const check = checkTaskAudit(r, record.auditKey, { taskRecord: record.target.kind === 'agentcore' });
  if (!check.ok) {
    writeLine(io.stderr, `crosswind cloud result: not showing the patch: ${check.message}`);
    return EXIT_FAILED;
  }
  writeLine(io.stderr, `audit log verified: ${check.records} records${record.auditKey ? " (keyed with this task's key)" : ' (with the key that came with it: integrity, not origin)'}`);
  if (record.base && r.base && record.base.tree !== r.base.tree) {
    writeLine(io.stderr, 'crosswind cloud result: the runtime worked on another base than the one sent; not showing its patch');
    return EXIT_FAILED;
  }
  const bytes = patchBytes(r);
  if (v.json) {
    writeLine(io.stdout, JSON.stringify({ ...r, auditVerified: true }));
  } else if (!bytes) {
    writeLine(io.stderr, 'no changes');
  } else if (v.apply || v['3way']) {
    const outcome = await applyTaskPatch(record.workspace, bytes, r.base!, { threeWay: v['3way'] ?? false });
    if (!outcome.applied) {
      writeLine(io.stderr, `crosswind cloud result: ${outcome.reason}`);
      if (outcome.changed?.length) writeLine(io.stderr, `  changed since the task started: ${outcome.changed.join(', ')}`);
      if (outcome.conflicts) writeLine(io.stderr, outcome.conflicts.split('\n').map((l) => `  ${l}`).join('\n'));
      return EXIT_FAILED;
    }
    writeLine(io.stdout, `applied${outcome.how === '3way' ? ' (three-way merge)' : ''} to ${record.workspace}: ${outcome.files.join(', ')}`);
  } else if (v.out) {
    await fs.writeFile(path.resolve(io.cwd, v.out), bytes);
    writeLine(io.stderr, `patch written to ${v.out} (git apply ${v.out})`);
  } else {
    io.stdout.write(bytes);
  }
  if (v['stop-session'] && record.target.kind === 'agentcore') {
    await stopRuntimeSession(io.env, { runtimeArn: record.target.runtimeArn, sessionId: record.target.sessionId, ...(v.profile ? { profile: v.profile } : {}) });
    writeLine(io.stderr, `stopped runtime session ${record.target.sessionId}`);
  }
  return r.status === 'completed' ? EXIT_OK : EXIT_FAILED;
}
