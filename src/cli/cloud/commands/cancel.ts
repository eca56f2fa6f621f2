// `crosswind cloud cancel TASK`: stops the task (its turn is interrupted, its commands end) and waits,
// briefly, to see it stopped; --stop-session also ends the runtime session, its microVM and its billing
// (and with it whatever the task left there).
import { stopRuntimeSession } from '../../../providers/agentcore/runtime-invoke';
import { EXIT_FAILED, EXIT_OK, InputError, writeLine, type CliIO } from '../../command';
import { loadTask, saveTask } from '../cloud-state';
import { cancelGithubTask } from '../github/github-task';
import { agentCoreClient, oneTaskId, parse } from './shared';

const OPTIONS = { 'stop-session': { type: 'boolean' }, profile: { type: 'string' } } as const;

/** How long to wait for the task to report itself stopped (it has 15 s of grace on the server). */
const WAIT_MS = 30_000;

export async function cancel(args: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  const record = await loadTask(io.env, oneTaskId(positionals));
  if (record.target.kind === 'github') return cancelGithubTask(record, io);
  const client = agentCoreClient(record, io.env, v.profile);
  let status = (await client.cancel(record.taskId)).status;
  const deadline = Date.now() + WAIT_MS;
  while (status === 'running' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    status = (await client.events(record.taskId, Number.MAX_SAFE_INTEGER)).status;
  }
  await saveTask(io.env, { ...record, lastStatus: status });
  writeLine(io.stdout, `${record.taskId}: ${status}`);
  if (v['stop-session']) {
    await stopRuntimeSession(io.env, { runtimeArn: record.target.runtimeArn, sessionId: record.target.sessionId, ...(v.profile ? { profile: v.profile } : {}) });
    writeLine(io.stderr, `stopped runtime session ${record.target.sessionId}`);
  }
  if (status === 'running') throw new InputError(`${record.taskId} has not stopped after ${WAIT_MS / 1000} s; crosswind cloud cancel ${record.taskId} --stop-session ends its session`);
  return status === 'cancelled' ? EXIT_OK : EXIT_FAILED;
}
