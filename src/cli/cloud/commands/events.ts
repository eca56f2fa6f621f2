// `crosswind cloud events TASK`: the task's events so far (--after N to skip, --follow to keep reading
// until it ends), for a person or, with --json, one JSON object per line as crosswind exec --json prints
// them, plus their seq.
import type { CloudTaskRecord } from '../../../protocol';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../../command';
import { loadTask, saveTask } from '../cloud-state';
import { githubEvents } from '../github/github-task';
import { agentCoreClient, oneTaskId, parse, printEvents } from './shared';

const OPTIONS = {
  after: { type: 'string' },
  follow: { type: 'boolean' },
  json: { type: 'boolean' },
  profile: { type: 'string' },
} as const;

export async function events(args: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  const record = await loadTask(io.env, oneTaskId(positionals));
  const after = v.after === undefined ? 0 : Number(v.after);
  if (!Number.isInteger(after) || after < 0) throw new UsageError(`--after is an event number (0 or more), not '${v.after}'`);
  if (record.target.kind === 'github') return githubEvents(record, io, { json: v.json ?? false, follow: v.follow ?? false });
  const end = await printEvents(agentCoreClient(record, io.env, v.profile), record.taskId, io, { afterSeq: after, follow: v.follow ?? false, json: v.json ?? false });
  await saveTask(io.env, { ...record, lastStatus: end.status as CloudTaskRecord['lastStatus'] });
  return end.status === 'failed' || end.status === 'cancelled' ? EXIT_FAILED : EXIT_OK;
}
