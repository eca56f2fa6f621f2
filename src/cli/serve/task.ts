// One cloud task inside `crosswind serve`: its repository checked out in a fresh folder, the same Engine
// `crosswind exec` drives (createCliEngine, the same settings, the same JSON events), its own audit log
// keyed with the dispatcher's key and opened by a record of who runs it for whom, and at the end a
// binary diff against the base. Bounded: a time limit (at most the 8-hour session), and a stop — cancel or
// time-out — interrupts the turn, whose commands end with it (the OS sandbox, process groups); a turn that
// does not stop within a grace period is abandoned and reported all the same.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { EngineClient } from '../../core/engine/engine-client';
import type { Engine } from '../../core/engine/engine';
import { auditHeadPath, FileAuditHead } from '../../host/audit-file';
import { redactSecrets, redactValue } from '../../shared';
import {
  type CloudAuditHead,
  type CloudTaskIdentity,
  type CloudTaskResult,
  type CloudTaskStartRequest,
  type CloudTaskStatus,
  type Cost,
  type Turn,
} from '../../protocol';
import { cliModelClients, createCliEngine } from '../cli-engine';
import { headlessEngineSettings } from '../exec/engine-settings';
import { jsonEvents } from '../exec/json-events';
import { checkCredentialEnvironment, preflight } from '../exec/preflight';
import { resolveProviderProfile } from '../provider-options';
import { auditKeyPath } from '../state-dir';
import { TaskEventLog } from './task-events';
import { checkoutTaskRepo, taskPatch, type TaskBase, type TaskPatch } from './task-repo';

/** After a stop, how long the turn gets to end cleanly before the task is reported stopped anyway. */
const STOP_GRACE_MS = 15_000;

export interface TaskContext {
  /** Where task folders are made (one per task). */
  workRoot: string;
  env: NodeJS.ProcessEnv;
  stderr: Writable;
  /** The runtime's AWS identity (memoized by the caller). */
  runtimeIdentity(): Promise<string>;
  /** The longest a task may run, in seconds. */
  maxSeconds: number;
  allowLocalRepos: boolean;
  /** A task started or ended (the ping status may change). */
  onStatusChange(): void;
}

export interface Invoker {
  sessionId?: string;
  runtimeUserId?: string;
}

class TaskFailure extends Error {
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

type StopReason = 'cancelled' | 'timeout';

export class CloudTask {
  readonly events = new TaskEventLog();
  readonly startedAt = Date.now();
  status: CloudTaskStatus = 'running';
  /** Settles when the task has ended and its result is ready. */
  readonly finished: Promise<void>;
  private finishedAt: number | undefined;
  private base: TaskBase | undefined;
  private patch: TaskPatch | undefined;
  private cost: Cost | undefined;
  private error: { message: string; fix?: string } | undefined;
  private identity: CloudTaskIdentity | undefined;
  private auditLogPath: string | undefined;
  private generatedKey: string | undefined;
  private stopReason: StopReason | undefined;
  private readonly abort = new AbortController();
  private running: { engine: Engine; threadId: string; turnId: string } | undefined;
  private forceStop: (() => void) | undefined;
  private readonly forced = new Promise<undefined>((resolve) => (this.forceStop = () => resolve(undefined)));

  constructor(
    readonly request: CloudTaskStartRequest,
    private readonly invoker: Invoker,
    private readonly ctx: TaskContext,
  ) {
    this.finished = this.run();
  }

  get taskId(): string {
    return this.request.taskId;
  }

  /** Cancel or time-out: stops the checkout or interrupts the turn; the task ends within the grace period. */
  stop(reason: StopReason): void {
    if (this.status !== 'running' || this.stopReason) return;
    this.stopReason = reason;
    this.abort.abort();
    if (this.running) void this.running.engine.interruptTurn(this.running.threadId, this.running.turnId).catch(() => undefined);
    setTimeout(() => this.forceStop?.(), STOP_GRACE_MS).unref();
  }

  private get timeoutSeconds(): number {
    return Math.min(this.request.timeoutSeconds ?? this.ctx.maxSeconds, this.ctx.maxSeconds);
  }

  private async run(): Promise<void> {
    const timer = setTimeout(() => this.stop('timeout'), this.timeoutSeconds * 1000);
    timer.unref();
    const taskDir = path.join(this.ctx.workRoot, this.taskId);
    let final: Turn | undefined;
    try {
      final = await this.execute(taskDir);
    } catch (e) {
      this.error = e instanceof TaskFailure ? { message: e.message, ...(e.fix ? { fix: e.fix } : {}) } : { message: redactSecrets(e instanceof Error ? e.message : String(e)) };
    } finally {
      clearTimeout(timer);
    }
    await this.finish(taskDir, final);
  }

  private checkStopped(): void {
    if (this.stopReason) throw new TaskFailure(this.stopReason === 'cancelled' ? 'The task was cancelled before it started.' : this.timeoutMessage());
  }

  private timeoutMessage(): string {
    return `The task ran past its time limit (${this.timeoutSeconds} s) and was stopped.`;
  }

  private async execute(taskDir: string): Promise<Turn | undefined> {
    const req = this.request;
    await fs.mkdir(taskDir, { recursive: true, mode: 0o700 });
    // The task's state and audit key live in its own folder, apart from every other task's.
    const env: NodeJS.ProcessEnv = { ...this.ctx.env, XDG_STATE_HOME: path.join(taskDir, 'state'), XDG_CONFIG_HOME: path.join(taskDir, 'config') };
    await this.writeAuditKey(env);
    const repo = await checkoutTaskRepo(taskDir, req.repo, { signal: this.abort.signal, allowLocal: this.ctx.allowLocalRepos }).catch((e: unknown) => {
      this.checkStopped();
      throw new TaskFailure(redactSecrets(e instanceof Error ? e.message : String(e)));
    });
    this.base = repo.base;
    this.identity = {
      runtimeIdentity: await this.ctx.runtimeIdentity(),
      ...(req.requestedBy ? { requestedBy: req.requestedBy } : {}),
      ...(this.invoker.runtimeUserId ? { runtimeUserId: this.invoker.runtimeUserId } : {}),
      ...(this.invoker.sessionId ? { sessionId: this.invoker.sessionId } : {}),
    };
    this.events.push({ type: 'task.started', taskId: req.taskId, base: repo.base, identity: this.identity, approval: req.approval });
    this.checkStopped();

    let profile;
    try {
      profile = resolveProviderProfile({ ...req.provider }, env);
      checkCredentialEnvironment(profile, env);
    } catch (e) {
      throw new TaskFailure(`provider: ${e instanceof Error ? e.message : String(e)}`);
    }
    const checked = await preflight(profile, cliModelClients(env, this.ctx.stderr));
    if (checked.error) throw new TaskFailure(redactSecrets(checked.error.message), checked.error.fix ? redactSecrets(checked.error.fix) : undefined);
    this.checkStopped();

    const emit = jsonEvents((event) => this.events.push(event));
    const client: EngineClient = {
      notify: (method, params) => emit(method, redactValue(params)),
      request: async (method) => {
        throw new Error(`${method} cannot be answered in a cloud task`);
      },
    };
    const { engine, audit, auditLogPath } = createCliEngine({ cwd: repo.dir, models: checked.models, env, stderr: this.ctx.stderr, client });
    this.auditLogPath = auditLogPath;
    engine.updateSettings(headlessEngineSettings({ approval: req.approval, profile, ...(req.budgetUsd ? { perTurnUsd: req.budgetUsd } : {}) }));
    // The log's first record: which task, run as whom, for whom, on which base.
    await audit.record({
      type: 'cloudTask',
      taskId: req.taskId,
      identity: this.identity.runtimeIdentity,
      ...(this.identity.requestedBy ? { requestedBy: this.identity.requestedBy } : {}),
      ...(this.identity.runtimeUserId ? { runtimeUserId: this.identity.runtimeUserId } : {}),
      ...(this.identity.sessionId ? { sessionId: this.identity.sessionId } : {}),
      baseCommit: repo.base.commit,
      baseTree: repo.base.tree,
      approval: req.approval,
      promptSha256: createHash('sha256').update(req.prompt).digest('hex'),
    });
    await engine.init();
    const thread = await engine.startThread({ profile: profile.name });
    this.events.push({ type: 'thread.started', threadId: thread.id });
    const { turn, done } = await engine.startTurn({ threadId: thread.id, text: req.prompt, attachments: [] });
    this.running = { engine, threadId: thread.id, turnId: turn.id };
    if (this.stopReason) void engine.interruptTurn(thread.id, turn.id).catch(() => undefined);
    const final = await Promise.race([done, this.forced]);
    this.running = undefined;
    // A turn that ended is written out; one that would not stop is left to the process's end.
    if (final) await engine.shutdown();
    else void engine.shutdown().catch(() => undefined);
    return final;
  }

  private async writeAuditKey(env: NodeJS.ProcessEnv): Promise<void> {
    const key = this.request.auditKey ?? (this.generatedKey = randomBytes(32).toString('hex'));
    const file = auditKeyPath(env);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fs.writeFile(file, key + '\n', { mode: 0o600 });
  }

  private async finish(taskDir: string, final: Turn | undefined): Promise<void> {
    if (final) {
      this.cost = final.cost;
      if (final.status !== 'completed' && !this.stopReason && final.error) {
        this.error = { message: final.error.message, ...(final.error.fix ? { fix: final.error.fix } : {}) };
      }
    }
    if (this.stopReason === 'timeout') this.error = { message: this.timeoutMessage() };
    if (this.base) {
      this.patch = await taskPatch(path.join(taskDir, 'repo'), this.base).catch((e: unknown) => {
        this.error ??= { message: `The task's changes could not be diffed: ${e instanceof Error ? e.message : String(e)}` };
        return undefined;
      });
    }
    this.status = this.stopReason === 'cancelled' ? 'cancelled' : !this.error && final?.status === 'completed' ? 'completed' : 'failed';
    this.finishedAt = Date.now();
    this.events.push({
      type: 'task.finished',
      taskId: this.taskId,
      status: this.status,
      costUsd: this.cost?.usd ?? null,
      ...(this.error ? { error: this.error } : {}),
    });
    this.events.close();
    this.ctx.onStatusChange();
  }

  private async readAudit(): Promise<{ audit: string | null; head: CloudAuditHead | null }> {
    if (!this.auditLogPath) return { audit: null, head: null };
    const audit = await fs.readFile(this.auditLogPath, 'utf8').catch(() => null);
    const head = (await new FileAuditHead(auditHeadPath(this.auditLogPath)).read().catch(() => undefined)) ?? null;
    return { audit, head };
  }

  async result(): Promise<CloudTaskResult> {
    const done = this.status !== 'running';
    const { audit, head } = done ? await this.readAudit() : { audit: null, head: null };
    return {
      taskId: this.taskId,
      status: this.status,
      patch: done && this.patch ? this.patch.text : null,
      ...(done && this.patch?.encoding === 'base64' ? { patchEncoding: 'base64' as const } : {}),
      base: this.base ?? null,
      costUsd: this.cost?.usd ?? null,
      cost: this.cost ?? null,
      audit,
      auditHead: head,
      ...(done && this.generatedKey ? { auditKey: this.generatedKey } : {}),
      identity: this.identity ?? null,
      ...(this.error ? { error: this.error } : {}),
      startedAt: this.startedAt,
      ...(this.finishedAt ? { finishedAt: this.finishedAt } : {}),
    };
  }
}
