// `crosswind serve`: the engine as an Amazon Bedrock AgentCore Runtime agent — the HTTP protocol contract
// (GET /ping, POST /invocations on 0.0.0.0:8080) answering start/events/result/cancel for cloud tasks.
// What the contract says and where it is written: serve/agentcore-contract.ts.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { awsCallerIdentity } from '../../providers/agentcore/runtime-identity';
import { EXIT_OK, UsageError, writeLine, type CliCommand } from '../command';
import { DEFAULT_HOST, DEFAULT_PORT, MAX_TASK_SECONDS } from '../serve/agentcore-contract';
import { createServeServer } from '../serve/http-server';
import { TaskRegistry } from '../serve/task-registry';

const USAGE = `Usage: crosswind serve [options]

Serves cloud tasks over the Amazon Bedrock AgentCore Runtime HTTP contract: GET /ping answers
{"status":"Healthy"} (or "HealthyBusy" while a task runs), POST /invocations takes
{"action":"start"|"events"|"result"|"cancel", …} (see docs/cloud-tasks.md). This is what the
container image runs; \`crosswind cloud\` is the client.

Options:
  --host HOST           Address to listen on (default ${DEFAULT_HOST}, as AgentCore requires)
  --port PORT           Port (default ${DEFAULT_PORT}; 0 picks a free one and prints it)
  --work-dir DIR        Where task folders are made (default: <tmp>/crosswind-tasks)
  --max-tasks N         Tasks that may run at once (default 1: AgentCore gives each session its
                        own microVM, and crosswind cloud uses one session per task)
  --max-task-hours H    Longest a task may run, at most 8 (AgentCore's session limit; default 8)
  --allow-local-repos   Also take file:// URLs and local paths as a task's repository

Model credentials come from the environment, as for crosswind exec (in AgentCore: the runtime's
execution role for Bedrock; keys for Azure or OpenAI passed in by reference, never baked into the image).`;

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'work-dir': { type: 'string' },
  'max-tasks': { type: 'string' },
  'max-task-hours': { type: 'string' },
  'allow-local-repos': { type: 'boolean' },
} as const;

/** After SIGTERM, how long running tasks get to stop before the process exits anyway. */
const SHUTDOWN_MS = 20_000;

function positiveNumber(flag: string, value: string | undefined, fallback: number, max: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max || (integer && !Number.isInteger(n))) throw new UsageError(`--${flag} must be a${integer ? 'n integer' : ' number'} from ${integer ? 1 : 'above 0'} to ${max}, not '${value}'`);
  return n;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve cloud tasks over the AgentCore Runtime HTTP contract',
  usage: USAGE,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const v = parsed.values;
    const port = v.port === undefined ? DEFAULT_PORT : Number(v.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not '${v.port}'`);
    const host = v.host ?? DEFAULT_HOST;
    const maxTasks = positiveNumber('max-tasks', v['max-tasks'], 1, 64, true);
    const maxSeconds = Math.round(positiveNumber('max-task-hours', v['max-task-hours'], MAX_TASK_SECONDS / 3600, MAX_TASK_SECONDS / 3600, false) * 3600);
    const workRoot = path.resolve(io.cwd, v['work-dir'] ?? path.join(os.tmpdir(), 'crosswind-tasks'));
    let identity: Promise<string> | undefined;
    const registry = new TaskRegistry(
      {
        workRoot,
        env: io.env,
        stderr: io.stderr,
        runtimeIdentity: () => (identity ??= awsCallerIdentity(io.env)),
        maxSeconds,
        allowLocalRepos: v['allow-local-repos'] ?? false,
      },
      maxTasks,
    );
    const server = createServeServer(registry, (line) => writeLine(io.stderr, `crosswind serve: ${line}`));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use`) : e));
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    const shown = typeof address === 'object' && address ? `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` : `${host}:${port}`;
    writeLine(io.stderr, `crosswind serve: listening on http://${shown} (GET /ping, POST /invocations); tasks in ${workRoot}`);

    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        writeLine(io.stderr, `crosswind serve: ${signal}: stopping ${registry.runningCount} running task(s)`);
        setTimeout(() => process.exit(1), SHUTDOWN_MS).unref();
        void registry.stopAll().finally(() => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return EXIT_OK;
  },
};
