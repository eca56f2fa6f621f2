// What the `crosswind cloud` subcommands share: option parsing with usage errors, the AgentCore client of
// a task record, following a task's events to its end, and one-line money.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Writable } from 'node:stream';
import type { CloudTaskRecord } from '../../../protocol';
import { UsageError } from '../../command';
import { cloudEventPrinter } from '../event-printer';
import { AgentCoreTaskClient } from '../../../providers/agentcore/task-client';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(args: string[], options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function oneTaskId(positionals: string[]): string {
  if (positionals.length === 0) throw new UsageError('name the task (crosswind cloud status lists them)');
  if (positionals.length > 1) throw new UsageError(`one task at a time (got ${positionals.length})`);
  return positionals[0]!;
}

export function agentCoreClient(record: CloudTaskRecord, env: NodeJS.ProcessEnv, profile?: string): AgentCoreTaskClient {
  if (record.target.kind !== 'agentcore') throw new Error('not an AgentCore task');
  return new AgentCoreTaskClient(env, {
    runtimeArn: record.target.runtimeArn,
    sessionId: record.target.sessionId,
    ...(record.target.qualifier ? { qualifier: record.target.qualifier } : {}),
    ...(profile ? { profile } : {}),
  });
}

/** Long polls are 20 s; an 8-hour task needs 1440 of them: the bound leaves room for slow answers. */
const MAX_POLLS = 4000;

/** Prints a task's events from `afterSeq` on; with `follow`, until the task has ended. Returns the last status and seq. */
export async function printEvents(
  client: AgentCoreTaskClient,
  taskId: string,
  io: { stdout: Writable; stderr: Writable },
  options: { afterSeq: number; follow: boolean; json: boolean },
): Promise<{ status: string; lastSeq: number }> {
  const print = cloudEventPrinter(io.stdout, io.stderr, options.json);
  let after = options.afterSeq;
  for (let i = 0; i < MAX_POLLS; i++) {
    const page = await client.events(taskId, after, options.follow ? { waitSeconds: 20 } : {});
    for (const e of page.events) print(e);
    after = page.lastSeq;
    if (page.more) continue;
    if (!options.follow || page.status !== 'running') return { status: page.status, lastSeq: after };
  }
  return { status: 'running', lastSeq: after };
}

export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'cost unknown';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}
