// The engine's public API: one object, driven by the editor (through src/server) and by the CLI alike.
// Each method is one protocol request; everything else it needs arrives through ports.
import {
  EngineSettings,
  type Attachment,
  type Cost,
  type EngineRequestResult,
  type HunkDecisionInput,
  type PatchView,
  type ProviderProfile,
  type Thread,
  type ThreadItem,
  type ThreadSummary,
  type Turn,
} from '../../protocol';
import { redactSecrets } from '../../shared';
import { runTurn } from '../agent/turn-runner';
import { checkpointFirstShell, CheckpointFirstPatchEvents } from '../checkpoints/checkpoint-first';
import { Checkpoints } from '../checkpoints/checkpoint-service';
import { RESTRICTED_MODE_REASON } from '../approvals/policy';
import type { TurnDeps } from '../agent/turn-deps';
import type { AuditLog } from '../audit/types';
import { addCosts, ZERO_COST, ZERO_USAGE } from '../../shared/cost-math';
import { buildCostReport, targetsFromProfiles, utcDay } from '../cost/cost-report';
import type { PriceLayer } from '../cost/price-table';
import { pricerFromSettings, type TablePricer } from '../cost/table-pricer';
import type { LedgerStore } from '../cost/types';
import type { ModelClientFactory } from '../model/types';
import { PatchManager } from '../patches/patch-manager';
import { CancellationSource } from '../ports/cancellation';
import type { CheckpointStore } from '../ports/checkpoints';
import { NO_MCP_SERVERS, type McpServers } from '../ports/mcp';
import type { Shell } from '../ports/shell';
import type { Clock, Hasher, IdSource, Logger } from '../ports/system';
import type { Workspace } from '../ports/workspace';
import type { ThreadStore } from '../threads/records';
import { ThreadState } from '../threads/thread-state';
import type { EngineClient } from './engine-client';
import { EngineError } from '../../shared/engine-error';
import { PatchRecorder } from './patch-recorder';
import { ThreadSession } from './thread-session';
import { closeTurnItems } from './turn-closing';
import { noteLateUserEdits } from './late-edit-note';
import { ExternalTurn } from './external-turn';
import { ModelClients } from './model-clients';

export interface EngineDeps {
  workspace: Workspace;
  shell: Shell;
  store: ThreadStore;
  ledger: LedgerStore;
  audit: AuditLog;
  clock: Clock;
  ids: IdSource;
  hasher: Hasher;
  logger: Logger;
  client: EngineClient;
  models: ModelClientFactory;
  /** Prices over the shipped table and crosswind.pricing (e.g. `crosswind exec --pricing FILE`). */
  priceLayers?: PriceLayer[];
  random?: () => number;
  /** False when nobody can answer an approval (crosswind exec); default true. */
  interactive?: boolean;
  /** Where checkpoints are kept; without it, turns take none and restore is refused. */
  checkpoints?: CheckpointStore;
  /** The MCP tool servers (configured from the settings' mcpServers); without it, none. */
  mcp?: McpServers;
}


export class Engine {
  private settings: EngineSettings = EngineSettings.parse({});
  private pricer: TablePricer;
  private readonly sessions = new Map<string, ThreadSession>();
  private readonly loading = new Map<string, Promise<ThreadSession>>();
  private readonly models: ModelClients;
  private day = { key: '', cost: ZERO_COST as Cost };
  readonly patches: PatchManager;
  private readonly recorder: PatchRecorder;
  readonly checkpoints: Checkpoints;

  private readonly mcp: McpServers;

  constructor(private readonly deps: EngineDeps) {
    this.mcp = deps.mcp ?? NO_MCP_SERVERS;
    this.models = new ModelClients(deps.models, deps.clock, () => this.settings.profiles);
    this.mcp.onStatusChange((servers) => deps.client.notify('mcp/statusChanged', { servers }));
    this.pricer = pricerFromSettings(this.settings, ...(deps.priceLayers ?? []));
    this.recorder = new PatchRecorder(this.sessions, deps.audit, deps.hasher);
    this.patches = new PatchManager(
      deps.workspace,
      new CheckpointFirstPatchEvents(this.recorder, async (threadId) => {
        const session = this.sessions.get(threadId);
        if (session) await this.checkpoints.beforeChange(session);
      }),
    );
    this.checkpoints = new Checkpoints({
      store: deps.checkpoints,
      workspace: deps.workspace,
      audit: deps.audit,
      clock: deps.clock,
      ids: deps.ids,
      hasher: deps.hasher,
      logger: deps.logger,
      patches: this.patches,
      settings: () => this.settings,
      session: (threadId) => this.session(threadId).catch(() => undefined),
      busy: () => ([...this.sessions.values()].some((s) => s.running) ? 'a turn is running: wait for it to finish, or stop it first.' : undefined),
    });
  }

  /** Reads today's spend from the ledger (budgets count across threads and restarts). */
  async init(): Promise<void> {
    const now = this.deps.clock.now();
    const key = utcDay(now);
    const entries = await this.deps.ledger.read(Date.parse(`${key}T00:00:00Z`));
    this.day = { key, cost: entries.reduce((acc, e) => addCosts(acc, e.cost), ZERO_COST as Cost) };
    // A restore the engine was writing when it stopped is finished before anything else touches the files.
    await this.checkpoints.ready();
  }

  updateSettings(settings: EngineSettings): void {
    this.settings = settings;
    this.pricer = pricerFromSettings(settings, ...(this.deps.priceLayers ?? []));
    this.models.clear();
    // Restricted Mode runs nothing, and a stdio server is a command: no server is started there.
    this.mcp.configure(settings.trusted ? settings.mcpServers : {});
  }

  /** Each configured MCP server: connected with its tools, starting, or failed and why. */
  mcpStatus(): EngineRequestResult<'mcp/status'> {
    return { servers: this.mcp.status() };
  }

  get currentSettings(): EngineSettings {
    return this.settings;
  }

  async startThread(params: { profile?: string; title?: string }): Promise<Thread> {
    const id = this.deps.ids.next('thr');
    const profile = params.profile ?? this.settings.activeProfile;
    const state = new ThreadState();
    const session = new ThreadSession(state, this.deps.store, this.deps.client, this.deps.clock, this.deps.logger);
    await session.record({ type: 'thread', thread: { id, title: params.title ?? 'New conversation', createdAt: this.deps.clock.now(), ...(profile ? { profile } : {}) } });
    this.sessions.set(id, session);
    this.deps.client.notify('thread/updated', { thread: state.summary() });
    return state.toThread();
  }

  async resumeThread(threadId: string): Promise<Thread> {
    return (await this.session(threadId)).state.toThread();
  }

  async listThreads(): Promise<ThreadSummary[]> {
    const ids = await this.deps.store.list();
    const out: ThreadSummary[] = [];
    for (const id of ids.slice(0, 200)) {
      const loaded = this.sessions.get(id);
      if (loaded) out.push(loaded.state.summary());
      else {
        const state = ThreadState.fromRecords(await this.deps.store.read(id));
        if (state.id) out.push(state.summary());
      }
    }
    return out.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Starts a turn; it runs in the background. `done` settles when it ends. */
  async startTurn(params: { threadId: string; text: string; instruction?: string; attachments: Attachment[]; profile?: string }): Promise<{ turn: Turn; done: Promise<Turn> }> {
    const session = await this.session(params.threadId);
    if (session.running) throw new EngineError({ kind: 'invalidRequest', message: 'A turn is already running in this conversation: wait for it or stop it first.' });
    if (params.profile && params.profile !== session.state.profile) await session.record({ type: 'profile', profile: params.profile });
    const chain = this.models.chainFor(session.state.profile ?? this.settings.activeProfile);
    const turn: Turn = {
      id: this.deps.ids.next('turn'),
      threadId: session.id,
      status: 'inProgress',
      startedAt: this.deps.clock.now(),
      usage: ZERO_USAGE,
      cost: ZERO_COST,
      servedBy: [],
    };
    if (session.state.turns.length === 0) await session.record({ type: 'title', title: titleFrom(params.text) });
    await session.setTurn(turn);
    const cancel = new CancellationSource();
    session.chainIndex = 0;
    const running = { turn, cancel, done: Promise.resolve(turn) };
    session.running = running;
    this.deps.client.notify('turn/started', { threadId: session.id, turn });
    running.done = runTurn(this.turnDeps(session), session, chain, { text: params.text, ...(params.instruction ? { instruction: params.instruction } : {}), attachments: params.attachments })
      .catch(async (e: unknown) => {
        this.deps.logger.log('error', `Turn ${turn.id} crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        const failed: Turn = { ...running.turn, status: 'failed', completedAt: this.deps.clock.now(), error: { kind: 'internal', message: e instanceof Error ? e.message : String(e) } };
        await session.setTurn(failed).catch(() => undefined);
        return failed;
      })
      .then(async (final) => {
        session.running = undefined;
        await session.flush().catch(() => undefined);
        this.deps.client.notify('turn/completed', {
          threadId: session.id,
          turn: final,
          threadUsage: session.state.usage,
          threadCost: session.state.cost,
          dayCost: this.dayCost(),
        });
        this.deps.client.notify('thread/updated', { thread: session.state.summary() });
        return final;
      });
    return { turn, done: running.done };
  }

  /**
   * A new thread whose one turn runs elsewhere (a cloud task): the user's message is recorded and shown
   * at once; the items, cost and end arrive through the returned ExternalTurn.
   */
  async startExternalTurn(params: { title: string; text: string; profile?: string }): Promise<ExternalTurn> {
    const thread = await this.startThread({ title: titleFrom(params.title), ...(params.profile ? { profile: params.profile } : {}) });
    const session = await this.session(thread.id);
    const turn: Turn = { id: this.deps.ids.next('turn'), threadId: session.id, status: 'inProgress', startedAt: this.deps.clock.now(), usage: ZERO_USAGE, cost: ZERO_COST, servedBy: [] };
    await session.setTurn(turn);
    const cancel = new CancellationSource();
    let resolveDone: (t: Turn) => void = () => undefined;
    const done = new Promise<Turn>((resolve) => (resolveDone = resolve));
    session.running = { turn, cancel, done };
    this.deps.client.notify('turn/started', { threadId: session.id, turn });
    await session.completed({ id: `user_${turn.id}`, turnId: turn.id, createdAt: this.deps.clock.now(), type: 'userMessage', text: params.text, attachments: [] });
    return new ExternalTurn(session, turn, cancel, { clock: this.deps.clock, client: this.deps.client, dayCost: () => this.dayCost() }, resolveDone);
  }

  /**
   * A patch made elsewhere (a cloud task's diff, already verified) becomes a pending patch of `turnId`, planned
   * against the files as they are now: the same card, hunk review, accept/reject and undo as the model's own.
   * Throws the patch engine's error when it does not match the files.
   */
  async proposeExternalPatch(threadId: string, turnId: string, input: string, reviewReason: string): Promise<PatchView> {
    const session = await this.session(threadId);
    const id = this.deps.ids.next('patch');
    const itemId = `fc_${id}`;
    await this.patches.propose({ id, threadId: session.id, turnId, itemId }, input);
    const view = this.patches.view(id);
    await session.started({ id: itemId, turnId, createdAt: this.deps.clock.now(), type: 'fileChange', patch: view, reviewReason });
    return view;
  }

  /** One more item in a thread, outside any running turn (what became of a cloud task's patch). */
  async addItem(threadId: string, item: ThreadItem): Promise<void> {
    await (await this.session(threadId)).completed(item);
  }

  async interruptTurn(threadId: string, turnId?: string): Promise<void> {
    const session = await this.session(threadId);
    const running = session.running;
    if (!running || (turnId && running.turn.id !== turnId)) return;
    running.cancel.cancel();
    await running.done;
  }

  async decidePatch(threadId: string, patchId: string, decisions: HunkDecisionInput[]): Promise<EngineRequestResult<'patch/decide'>> {
    // Rejecting is always allowed; accepting writes files, which Restricted Mode forbids.
    if (decisions.some((d) => d.decision === 'accepted')) this.requireTrust();
    return this.withPatch(threadId, patchId, () => this.patches.decide(patchId, decisions, 'user'));
  }

  async applyPatch(threadId: string, patchId: string): Promise<EngineRequestResult<'patch/apply'>> {
    this.requireTrust();
    return this.withPatch(threadId, patchId, () => this.patches.applyAll(patchId, 'user'));
  }

  /** The user's edit of one file's proposal; it writes nothing, so Restricted Mode allows it (applying still needs trust). */
  editPatch(threadId: string, patchId: string, path: string, content: string): Promise<EngineRequestResult<'patch/edit'>> {
    return this.withPatch(threadId, patchId, () => this.patches.edit(patchId, path, content));
  }

  rejectPatch(threadId: string, patchId: string, reason?: string): Promise<EngineRequestResult<'patch/reject'>> {
    return this.withPatch(threadId, patchId, () => this.patches.rejectAll(patchId, 'user', reason));
  }

  listCheckpoints(): Promise<EngineRequestResult<'checkpoint/list'>> {
    return this.checkpoints.list().then((checkpoints) => ({ checkpoints }));
  }

  /** Puts the workspace's files back as a checkpoint has them (all or none; never over unsaved edits). */
  restoreCheckpoint(checkpointId: string): Promise<EngineRequestResult<'checkpoint/restore'>> {
    this.requireTrust();
    return this.checkpoints.restore(checkpointId);
  }

  async revertPatch(threadId: string, patchId: string): Promise<EngineRequestResult<'patch/revert'>> {
    this.requireTrust();
    return this.withPatch(threadId, patchId, () => this.patches.revert(patchId));
  }

  /** Restricted Mode: no file is written, even by the user's own click on a patch proposed earlier. */
  private requireTrust(): void {
    if (!this.settings.trusted) throw new EngineError({ kind: 'notTrusted', message: RESTRICTED_MODE_REASON, fix: 'Trust the workspace (Manage Workspace Trust) to apply patches.' });
  }

  async previewPatch(threadId: string, patchId: string, path: string): Promise<EngineRequestResult<'patch/preview'>> {
    await this.session(threadId);
    const { file, oldText, newText } = await this.patches.preview(patchId, path);
    return { path: file.path, ...(file.movePath ? { movePath: file.movePath } : {}), kind: file.kind, oldText, newText };
  }

  /**
   * Asks the provider who we are and times a round trip (the picker's "Test connection"). A profile is
   * named, or given whole: the picker's draft, not in the settings yet.
   */
  async testProvider(profile: string | ProviderProfile): Promise<EngineRequestResult<'provider/test'>> {
    const resolved = typeof profile === 'string' ? this.models.profile(profile) : profile;
    const client = this.models.client(resolved);
    const t0 = this.deps.clock.now();
    const identity = await client.whoami();
    // An API key's identity is read locally; listing the models makes one authenticated round trip, so a
    // wrong or revoked key fails here rather than on the first turn. Not on Bedrock: its model list is on
    // the control plane, which a profile's runtime-only (VPC) endpoint may not reach.
    if (identity.source === 'apiKey' && resolved.provider !== 'bedrock') await client.listModels();
    return { identity, roundTripMs: this.deps.clock.now() - t0, model: client.servedBy.model };
  }

  async listModels(profile: string | ProviderProfile): Promise<EngineRequestResult<'provider/models'>> {
    return { models: await this.models.client(typeof profile === 'string' ? this.models.profile(profile) : profile).listModels() };
  }

  dayCost(): Cost {
    const key = utcDay(this.deps.clock.now());
    if (key !== this.day.key) this.day = { key, cost: ZERO_COST };
    return this.day.cost;
  }

  /** Spend from the ledger, and what the same usage would have cost on the other configured profiles. */
  async costReport(params: { since?: number; threadId?: string }): Promise<EngineRequestResult<'cost/report'>> {
    const entries = await this.deps.ledger.read(params.since);
    return buildCostReport({
      entries,
      pricer: this.pricer,
      targets: targetsFromProfiles(this.settings.profiles),
      until: this.deps.clock.now(),
      ...(params.since !== undefined ? { since: params.since } : {}),
      ...(params.threadId ? { threadId: params.threadId } : {}),
    });
  }

  /** Stops running turns and writes everything out (engine shutdown). */
  async shutdown(): Promise<void> {
    for (const s of this.sessions.values()) s.running?.cancel.cancel();
    await Promise.all([...this.sessions.values()].map((s) => s.running?.done));
    await Promise.all([...this.sessions.values()].map((s) => s.flush().catch(() => undefined)));
    this.models.shutdown();
    await this.mcp.close();
  }

  private turnDeps(session: ThreadSession): TurnDeps {
    const d = this.deps;
    return {
      settings: () => this.settings,
      workspace: d.workspace,
      // A command may write anywhere in the workspace: the turn's checkpoint is taken before it runs.
      shell: checkpointFirstShell(d.shell, () => this.checkpoints.beforeChange(session)),
      mcp: this.mcp,
      clock: d.clock,
      ids: d.ids,
      hasher: d.hasher,
      logger: d.logger,
      audit: d.audit,
      pricer: this.pricer,
      ledger: d.ledger,
      client: d.client,
      patches: this.patches,
      dayCost: () => this.dayCost(),
      addToDay: (cost) => {
        this.day = { key: utcDay(d.clock.now()), cost: addCosts(this.dayCost(), cost) };
      },
      identityOf: (client) => this.models.identityOf(client),
      interactive: d.interactive ?? true,
      ...(d.random ? { random: d.random } : {}),
    };
  }

  private async withPatch(threadId: string, patchId: string, run: () => Promise<PatchView>): Promise<{ patch: PatchView }> {
    const session = await this.session(threadId);
    if (!this.patches.has(patchId) || this.patches.get(patchId).threadId !== session.id) {
      throw new EngineError({ kind: 'invalidRequest', message: `No patch '${patchId}' in this conversation.` });
    }
    const patch = await run();
    await noteLateUserEdits(session, this.patches, patch);
    return { patch };
  }

  /** A loaded thread, loading (and repairing after a crash) on first use. */
  private session(threadId: string): Promise<ThreadSession> {
    const loaded = this.sessions.get(threadId);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.loading.get(threadId);
    if (!loading) {
      loading = this.load(threadId).finally(() => this.loading.delete(threadId));
      this.loading.set(threadId, loading);
    }
    return loading;
  }

  private async load(threadId: string): Promise<ThreadSession> {
    const records = await this.deps.store.read(threadId);
    const state = ThreadState.fromRecords(records);
    if (!state.id) throw new EngineError({ kind: 'invalidRequest', message: `No conversation '${threadId}'.` });
    const session = new ThreadSession(state, this.deps.store, this.deps.client, this.deps.clock, this.deps.logger);
    this.sessions.set(threadId, session);
    await this.repairInterrupted(session);
    for (const rec of state.patches.values()) {
      const item = state.item(rec.itemId);
      if (item?.type !== 'fileChange') continue;
      const p = await this.patches.restore({ id: rec.patchId, threadId, turnId: rec.turnId, itemId: rec.itemId }, rec.input, item.patch, rec);
      // The engine stopped after the files were written but before that was recorded: record it now.
      if (p.applied && !rec.applied) await this.recorder.applied(p, p.applied, 'apply');
      if (p.status === 'reverted' && rec.reverting && item.patch.status !== 'reverted') await this.recorder.applied(p, rec.reverting, 'revert');
      if (p.status !== item.patch.status || p.revertRefused !== item.patch.revertRefused) await session.completed({ ...item, patch: this.patches.view(p.id) });
    }
    return session;
  }

  /** A turn that was running when the engine died is marked interrupted, with its streaming items. */
  private async repairInterrupted(session: ThreadSession): Promise<void> {
    const turn = session.state.turns.find((t) => t.status === 'inProgress');
    if (!turn) return;
    await closeTurnItems(session, turn.id, 'interrupted', {
      toolCall: 'No result was recorded: the engine stopped while this call was being handled, so it may or may not have taken effect.',
      answer: '[interrupted: the engine stopped]',
    });
    await session.setTurn({ ...turn, status: 'interrupted', completedAt: this.deps.clock.now(), error: { kind: 'internal', message: 'The engine stopped while this turn was running.' } });
  }
}

/** The history list's title: the prompt's first line, redacted before it is cut (a cut secret has no shape). */
function titleFrom(text: string): string {
  const line = redactSecrets(text.trim().split('\n')[0] ?? '');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New conversation';
}
