// "Run in the cloud" in the engine process: the editor's dispatcher of cloud tasks, on the same pieces as
// `crosswind cloud run` (the workspace bundle, the AgentCore task client, the audit check). A task gets a
// thread of its own: the prompt, then the task's events as items (the same rendering as a local turn),
// its cost as the turn's. When it ends, its result is fetched, its audit log verified with the key kept
// here, and only then does its patch become a pending patch in that thread — reviewed hunk by hunk,
// written only when the user accepts — or, if the workspace moved on and no clean merge exists, a
// refusal naming the files that changed.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Engine } from '../../core/engine/engine';
import type { ExternalTurn } from '../../core/engine/external-turn';
import { describePatchError } from '../../core/patches/patch-errors';
import { bundleWorkspace, taskBaseRef } from '../../host/cloud/repo-bundle';
import { checkTaskAudit, patchBytes } from '../../host/cloud/task-result';
import { proposalForWorkspace } from '../../host/cloud/task-proposal';
import { git } from '../../host/git/git-run';
import { isPatchError } from '../../patch';
import { awsCallerIdentity } from '../../providers/agentcore/runtime-identity';
import { AgentCoreTaskClient } from '../../providers/agentcore/task-client';
import type { CloudTaskEvent, CloudTaskProvider, CloudTaskRecord, CloudTaskReview, CloudTaskStatus, CloudTaskView, ErrorInfo, ProviderProfile } from '../../protocol';
import { cloudUnavailableReason, EngineError, errorInfoOf } from '../../shared';
import { CloudTaskStore, type EditorCloudTask } from './cloud-task-store';
import { applyTaskEvent } from './task-event-items';

export interface CloudTasksDeps {
  engine: Engine;
  /** The workspace folder (a git repository, or inside one): the first one in a multi-root workspace. */
  root: string;
  /** In a multi-root workspace, that folder's name, which starts the engine's paths of its files. */
  folderName?: string;
  storageDir: string;
  /** The engine's environment (the editor's cloud variables included): the AWS credential chain reads it. */
  env: NodeJS.ProcessEnv;
  notify(task: CloudTaskView): void;
  /** Long-poll wait per events call (AgentCore's own limit is 20 s). */
  pollSeconds?: number;
}

/** Long polls of up to 20 s: an 8-hour task needs 1440; the bound leaves room for short answers. */
const MAX_POLLS = 4000;
/** Failed events calls in a row before the thread says the task can no longer be followed. */
const MAX_POLL_FAILURES = 5;

const TURN_END: Record<Exclude<CloudTaskStatus, 'running'>, 'completed' | 'failed' | 'interrupted'> = { completed: 'completed', failed: 'failed', cancelled: 'interrupted' };

function cloudProviderOf(profile: ProviderProfile | undefined): CloudTaskProvider {
  if (!profile) return {};
  const effort = profile.reasoningEffort ? { effort: profile.reasoningEffort } : {};
  switch (profile.provider) {
    case 'bedrock':
      return { provider: 'bedrock', model: profile.model, region: profile.region, ...(profile.endpoint ? { endpoint: profile.endpoint } : {}), ...effort };
    case 'azure':
      return { provider: 'azure', model: profile.model, endpoint: profile.endpoint, deployment: profile.deployment, apiVersion: profile.apiVersion, ...(profile.api !== 'auto' ? { api: profile.api } : {}), ...effort };
    case 'openai':
      return { provider: 'openai', model: profile.model, ...(profile.baseUrl ? { endpoint: profile.baseUrl } : {}), api: profile.api, ...effort };
  }
}

export class CloudTasks {
  private readonly store: CloudTaskStore;
  /** The turns of the tasks followed by this engine (a task started before a restart is reviewed, not followed). */
  private readonly turns = new Map<string, ExternalTurn>();
  private readonly following = new Set<Promise<void>>();
  private readonly reviews = new Map<string, Promise<CloudTaskView>>();
  /** Running tasks found by list() that no turn here follows, watched until they end. */
  private readonly watched = new Set<string>();
  private readonly stop = new AbortController();

  constructor(private readonly deps: CloudTasksDeps) {
    this.store = new CloudTaskStore(path.join(deps.storageDir, 'cloud-tasks'));
  }

  /** Why "Run in the cloud" cannot be used now, or undefined when it can. */
  unavailable(): string | undefined {
    return cloudUnavailableReason(this.deps.engine.currentSettings);
  }

  private env(): NodeJS.ProcessEnv {
    const endpoint = this.deps.engine.currentSettings.cloud.endpoint;
    return endpoint ? { ...this.deps.env, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: endpoint } : this.deps.env;
  }

  private client(record: CloudTaskRecord): AgentCoreTaskClient {
    if (record.target.kind !== 'agentcore') throw new EngineError({ kind: 'invalidRequest', message: `Task ${record.taskId} runs on GitHub Actions: follow it with crosswind cloud.` });
    const profile = this.deps.engine.currentSettings.cloud.awsProfile;
    return new AgentCoreTaskClient(this.env(), {
      runtimeArn: record.target.runtimeArn,
      sessionId: record.target.sessionId,
      ...(record.target.qualifier ? { qualifier: record.target.qualifier } : {}),
      ...(profile ? { profile } : {}),
    });
  }

  async start(params: { text: string; profile?: string }): Promise<CloudTaskView> {
    const why = this.unavailable();
    if (why) throw new EngineError({ kind: this.deps.engine.currentSettings.trusted ? 'configuration' : 'notTrusted', message: why });
    const settings = this.deps.engine.currentSettings;
    const cloud = settings.cloud;
    let workspace: string;
    try {
      workspace = await git(['rev-parse', '--show-toplevel'], { cwd: this.deps.root });
    } catch {
      throw new EngineError({ kind: 'configuration', message: `${this.deps.root} is not in a git repository: a cloud task starts from one.`, fix: 'git init, then commit or keep your files as they are (uncommitted changes go along).' });
    }
    const taskId = `task-${randomBytes(12).toString('hex')}`;
    const auditKey = randomBytes(32).toString('hex');
    const bundle = await bundleWorkspace(workspace, taskId, { history: false }).catch((e: unknown) => {
      throw new EngineError({ kind: 'invalidRequest', message: errorInfoOf(e).message });
    });
    const requestedBy = await awsCallerIdentity(this.env(), cloud.awsProfile ? { profile: cloud.awsProfile } : {});
    const profileName = params.profile ?? settings.activeProfile;
    const provider = cloudProviderOf(settings.profiles.find((p) => p.name === profileName));
    const title = params.text.trim().split('\n')[0]!.slice(0, 200);
    const turn = await this.deps.engine.startExternalTurn({ title: `☁ ${title}`, text: params.text, ...(profileName ? { profile: profileName } : {}) });
    const sessionId = `crosswind-${taskId}`;
    const record: CloudTaskRecord = {
      version: 1,
      taskId,
      target: { kind: 'agentcore', runtimeArn: cloud.runtimeArn!, sessionId, ...(cloud.qualifier ? { qualifier: cloud.qualifier } : {}) },
      workspace,
      base: { commit: bundle.snapshot.commit, tree: bundle.snapshot.tree },
      baseRef: taskBaseRef(taskId),
      auditKey,
      title,
      approval: cloud.approval,
      createdAt: Date.now(),
      lastStatus: 'running',
    };
    const task: EditorCloudTask = {
      record,
      turnId: turn.turnId,
      lastSeq: 0,
      view: { taskId, threadId: turn.threadId, title, status: 'running', createdAt: record.createdAt, costUsd: null, review: { state: 'waiting' } },
    };
    // Saved before the call: a start whose answer is lost can still be listed and cancelled.
    await this.store.save(task);
    try {
      await this.client(record).start({
        action: 'start',
        taskId,
        prompt: params.text,
        repo: { bundle: bundle.bytes.toString('base64') },
        approval: cloud.approval,
        auditKey,
        ...(requestedBy.startsWith('unknown') ? {} : { requestedBy }),
        ...(Object.keys(provider).length ? { provider } : {}),
      });
    } catch (e) {
      const error = errorInfoOf(e);
      await turn.finish('failed', error);
      await this.update(task, { status: 'failed', finishedAt: Date.now(), error: { message: error.message } });
      throw new EngineError({ kind: 'server', message: error.message, ...(error.fix ? { fix: error.fix } : {}) });
    }
    this.turns.set(taskId, turn);
    // Stop in the task's thread cancels it where it runs; the engine stopping (the editor closing) does not:
    // the task goes on, and the next engine watches it to its end (list()).
    turn.onInterrupt(() => {
      if (!this.stop.signal.aborted) void this.cancel(taskId).catch(() => undefined);
    });
    this.deps.notify(task.view);
    const following = this.follow(task, turn).finally(() => this.following.delete(following));
    this.following.add(following);
    return task.view;
  }

  /** Newest first. A task still running that no one here follows (the editor restarted) is watched to its end. */
  async list(): Promise<CloudTaskView[]> {
    const tasks = await this.store.list();
    for (const task of tasks) {
      const id = task.record.taskId;
      if (task.view.status === 'running' && task.record.target.kind === 'agentcore' && !this.turns.has(id) && !this.watched.has(id)) this.watchAfterRestart(task);
    }
    return tasks.map((t) => t.view);
  }

  async cancel(taskId: string): Promise<CloudTaskView> {
    const task = await this.task(taskId);
    if (task.view.status !== 'running') return task.view;
    const answer = await this.client(task.record).cancel(taskId);
    // The task stops within seconds; the events loop sees it end and finishes the turn.
    if (!this.turns.has(taskId) && answer.status !== 'running') await this.update(task, { status: answer.status, finishedAt: Date.now() });
    return task.view;
  }

  /**
   * Fetches the result and reviews its patch (again: after a refusal, a restart, or for a task not followed
   * here). A task this engine is following is reviewed when its events end; one review at a time per task.
   */
  review(taskId: string): Promise<CloudTaskView> {
    let running = this.reviews.get(taskId);
    if (!running) {
      running = this.reviewOnce(taskId).finally(() => this.reviews.delete(taskId));
      this.reviews.set(taskId, running);
    }
    return running;
  }

  private async reviewOnce(taskId: string): Promise<CloudTaskView> {
    const task = await this.task(taskId);
    if (this.turns.has(taskId)) return task.view;
    if (task.view.review.state === 'proposed' || task.view.review.state === 'noChanges') return task.view;
    const r = await this.client(task.record).result(taskId);
    await this.update(task, { status: r.status, costUsd: r.costUsd, ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}), ...(r.error ? { error: r.error } : {}) });
    if (r.status === 'running') return task.view;
    const check = checkTaskAudit(r, task.record.auditKey);
    if (!check.ok) return this.refuse(task, { state: 'unverified', message: `Not showing the cloud task's patch: ${check.message}.` });
    if (!r.base || r.base.tree !== task.record.base?.tree) return this.refuse(task, { state: 'unverified', message: "Not showing the cloud task's patch: the runtime worked on another base than the one sent." });
    const bytes = patchBytes(r);
    if (!bytes) {
      await this.deps.engine.addItem(task.view.threadId, { id: `cloud_${taskId}_nochanges`, turnId: task.turnId, createdAt: Date.now(), type: 'notice', kind: 'info', message: `The cloud task ${r.status} without changing any file (audit log verified: ${check.records} records).` });
      return this.update(task, { review: { state: 'noChanges' } });
    }
    const proposal = await proposalForWorkspace(task.record.workspace, this.deps.root, bytes, r.base, this.deps.folderName);
    if (proposal.kind === 'refused') {
      return this.refuse(task, { state: 'refused', message: `Not applying the cloud task's patch: ${proposal.reason}.`, changed: proposal.changed });
    }
    const verified = `audit log verified: ${check.records} records`;
    const reason =
      proposal.kind === 'clean'
        ? `From cloud task ${taskId} (${verified}): review it before it touches your files.`
        : `From cloud task ${taskId} (${verified}), merged into your changes to ${proposal.changed.join(', ')} since it started: review the merge before it touches your files.`;
    try {
      const view = await this.deps.engine.proposeExternalPatch(task.view.threadId, task.turnId, proposal.input, reason);
      return this.update(task, { review: { state: 'proposed', patchId: view.id, merged: proposal.kind === 'merged' } });
    } catch (e) {
      const message = isPatchError(e) ? describePatchError(e) : errorInfoOf(e).message;
      return this.refuse(task, { state: 'refused', message: `Not applying the cloud task's patch: it does not match your open files (${message}).`, changed: proposal.files });
    }
  }

  /** Waits for the tasks being followed to reach their end (tests; shutdown stops them instead). */
  async settled(): Promise<void> {
    while (this.following.size) await Promise.all([...this.following]);
  }

  /** The engine is stopping: tasks go on where they run; their turns here end, saying so. */
  shutdown(): void {
    this.stop.abort();
  }

  /**
   * A task this engine did not start following (it was running when the editor closed): its events are
   * read only to know when it ends — its thread's turn already ended — and then its result is reviewed as
   * any finished task's, its patch arriving in its thread.
   */
  private watchAfterRestart(task: EditorCloudTask): void {
    const id = task.record.taskId;
    this.watched.add(id);
    const watching = (async () => {
      await this.deps.engine
        .addItem(task.view.threadId, { id: `cloud_${id}_watch_${Date.now()}`, turnId: task.turnId, createdAt: Date.now(), type: 'notice', kind: 'info', message: 'Crosswind restarted while this task ran in the cloud: its progress is not shown here any more, and its patch comes here when it ends.' })
        .catch(() => undefined);
      const client = this.client(task.record);
      let failures = 0;
      for (let i = 0; i < MAX_POLLS && !this.stop.signal.aborted; i++) {
        let page;
        try {
          page = await client.events(id, task.lastSeq, { waitSeconds: this.deps.pollSeconds ?? 20, signal: this.stop.signal });
          failures = 0;
        } catch {
          // Given up quietly: the list still says running, and Open fetches the result.
          if (this.stop.signal.aborted || ++failures >= MAX_POLL_FAILURES) return;
          continue;
        }
        task.lastSeq = page.lastSeq;
        if (page.more) continue;
        if (page.status !== 'running') {
          await this.store.save(task);
          await this.review(id).catch(async (e: unknown) => {
            await this.deps.engine.addItem(task.view.threadId, { id: `cloud_${id}_result`, turnId: task.turnId, createdAt: Date.now(), type: 'error', error: { ...errorInfoOf(e), fix: 'Open the task from the Cloud Tasks list to try again.' } });
          });
          return;
        }
      }
    })().finally(() => {
      this.watched.delete(id);
      this.following.delete(watching);
    });
    this.following.add(watching);
  }

  private async refuse(task: EditorCloudTask, review: Extract<CloudTaskReview, { state: 'refused' | 'unverified' }>): Promise<CloudTaskView> {
    const changed = review.state === 'refused' && review.changed.length ? ` Changed since the task started: ${review.changed.join(', ')}.` : '';
    const error: ErrorInfo = {
      kind: review.state === 'unverified' ? 'accessDenied' : 'invalidRequest',
      message: review.message + changed,
      ...(review.state === 'refused' ? { fix: `crosswind cloud result ${task.record.taskId} --3way merges it into your working tree from a terminal.` } : {}),
    };
    await this.deps.engine.addItem(task.view.threadId, { id: `cloud_${task.record.taskId}_review_${Date.now()}`, turnId: task.turnId, createdAt: Date.now(), type: 'error', error });
    return this.update(task, { review });
  }

  private async task(taskId: string): Promise<EditorCloudTask> {
    const task = await this.store.load(taskId);
    if (!task) throw new EngineError({ kind: 'invalidRequest', message: `No cloud task ${taskId} was started from this workspace.` });
    return task;
  }

  private async update(task: EditorCloudTask, change: Partial<CloudTaskView>): Promise<CloudTaskView> {
    task.view = { ...task.view, ...change };
    task.record = { ...task.record, lastStatus: task.view.status, costUsd: task.view.costUsd };
    await this.store.save(task);
    this.deps.notify(task.view);
    return task.view;
  }

  /** Reads the task's events into its thread until it ends, then reviews its result. */
  private async follow(task: EditorCloudTask, turn: ExternalTurn): Promise<void> {
    const client = this.client(task.record);
    let failures = 0;
    let finished: { status: CloudTaskStatus; error?: { message: string; fix?: string } } | undefined;
    for (let i = 0; i < MAX_POLLS && !this.stop.signal.aborted; i++) {
      let page;
      try {
        page = await client.events(task.record.taskId, task.lastSeq, { waitSeconds: this.deps.pollSeconds ?? 20, signal: this.stop.signal });
        failures = 0;
      } catch (e) {
        if (this.stop.signal.aborted) break;
        if (++failures < MAX_POLL_FAILURES) continue;
        const error = errorInfoOf(e);
        await turn.finish('failed', { ...error, message: `Lost the cloud task: ${error.message}`, fix: 'Open it from the Cloud Tasks list to fetch its result.' });
        this.turns.delete(task.record.taskId);
        await this.update(task, { error: { message: error.message } });
        return;
      }
      for (const event of page.events) finished = (await this.onEvent(event, turn)) ?? finished;
      task.lastSeq = page.lastSeq;
      const usd = turn.costUsd;
      if (usd !== task.view.costUsd) await this.update(task, { costUsd: usd });
      else await this.store.save(task);
      if (page.more) continue;
      if (page.status !== 'running') {
        const status = finished?.status ?? page.status;
        await turn.finish(status === 'running' ? 'failed' : TURN_END[status], finished?.error ? { kind: 'server', message: finished.error.message, ...(finished.error.fix ? { fix: finished.error.fix } : {}) } : undefined);
        this.turns.delete(task.record.taskId);
        await this.update(task, { status, finishedAt: Date.now(), ...(finished?.error ? { error: finished.error } : {}) });
        await this.review(task.record.taskId).catch(async (e: unknown) => {
          await this.deps.engine.addItem(task.view.threadId, { id: `cloud_${task.record.taskId}_result`, turnId: task.turnId, createdAt: Date.now(), type: 'error', error: { ...errorInfoOf(e), fix: 'Open the task from the Cloud Tasks list to try again.' } });
        });
        return;
      }
    }
    // The engine is stopping (or the poll bound is reached): the turn ends here — the engine waits for it —
    // and the task goes on where it runs; the next engine watches it to its end (list()).
    await turn.finish('interrupted', { kind: 'cancelled', message: 'Crosswind stopped following this task while it ran in the cloud. It goes on there; its patch comes to this conversation when it ends.' });
    this.turns.delete(task.record.taskId);
  }

  private async onEvent(event: CloudTaskEvent, turn: ExternalTurn): Promise<{ status: CloudTaskStatus; error?: { message: string; fix?: string } } | undefined> {
    if (event.type === 'task.finished') {
      const e = event as CloudTaskEvent & { status?: CloudTaskStatus; error?: { message: string; fix?: string } };
      return { status: e.status ?? 'failed', ...(e.error ? { error: e.error } : {}) };
    }
    await applyTaskEvent(event, turn);
    return undefined;
  }
}
