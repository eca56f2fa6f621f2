// The two ways the soak runs the engine, behind one interface: in-process (a FaultEngine whose "kill"
// freezes every port and starts a new engine over the same folders; memory is measured here) and as its
// own process (src/server over stdio; "kill" is SIGKILL and a new process takes over).
import path from 'node:path';
import { EngineSettings, type Turn } from '../../src/protocol';
import { startFaultCloud, type FaultCloud } from '../support/fault-cloud';
import { FaultEngine } from '../support/fault-engine';
import { EngineProcess } from '../support/fault-process';
import type { CloudKind } from '../support/engine-harness';

export interface SoakDriver {
  readonly name: 'in-process' | 'process';
  readonly workspace: string;
  readonly state: string;
  clouds: FaultCloud[];
  newThread(profile: string): Promise<string>;
  start(threadId: string, text: string): Promise<string>;
  /** Streamed pieces of the turn's agent message for its `step`-th model request, seen so far. */
  deltas(turnId: string, step: number): number;
  /** Whether the turn's patch has been shown (auto-edit applies it right then). */
  patchShown(turnId: string): boolean;
  /** The turn as its end was announced; undefined while it runs (or after its engine was killed). */
  ended(turnId: string): Turn | undefined;
  interrupt(threadId: string): Promise<void>;
  /** Kills the engine mid-whatever and starts a new one over the same folders. */
  kill(): Promise<void>;
  /** Replaces a cloud whose script was not used up (same profile name, new server). */
  replaceCloud(index: number): Promise<void>;
  /** Forgets the events of finished turns (so the test's own bookkeeping does not grow). */
  forget(): void;
  close(): Promise<void>;
}

const RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 };

export async function startClouds(kinds: CloudKind[]): Promise<FaultCloud[]> {
  return Promise.all(kinds.map((k) => startFaultCloud(k, `${k}-soak`)));
}

export class InProcessDriver implements SoakDriver {
  readonly name = 'in-process';
  private fe!: FaultEngine;
  private readonly done = new Map<string, Turn>();

  private constructor(
    readonly workspace: string,
    readonly state: string,
    public clouds: FaultCloud[],
  ) {}

  static async start(base: string, clouds: FaultCloud[]): Promise<InProcessDriver> {
    const d = new InProcessDriver(path.join(base, 'ws'), path.join(base, 'state'), clouds);
    await d.boot();
    return d;
  }

  private async boot(): Promise<void> {
    this.fe = await FaultEngine.start({ clouds: this.clouds, workspace: this.workspace, state: this.state, settings: { approvalPolicy: 'auto-edit', retry: RETRY } });
  }

  async newThread(profile: string): Promise<string> {
    return (await this.fe.engine.startThread({ profile })).id;
  }

  async start(threadId: string, text: string): Promise<string> {
    const { turn, done } = await this.fe.engine.startTurn({ threadId, text, attachments: [] });
    void done.then((t) => this.done.set(t.id, t));
    return turn.id;
  }

  deltas(turnId: string, step: number): number {
    const id = `msg_${turnId}_${step}`;
    return this.fe.events.filter((e) => e.method === 'item/agentMessage/delta' && e.params.itemId === id).length;
  }

  patchShown(turnId: string): boolean {
    return this.fe.events.some((e) => e.method === 'item/started' && e.params.item.type === 'fileChange' && e.params.item.turnId === turnId);
  }

  ended(turnId: string): Turn | undefined {
    return this.done.get(turnId);
  }

  interrupt(threadId: string): Promise<void> {
    return this.fe.engine.interruptTurn(threadId);
  }

  async kill(): Promise<void> {
    await this.fe.crash();
    await this.boot();
  }

  async replaceCloud(index: number): Promise<void> {
    const old = this.clouds[index]!;
    await old.close();
    this.clouds[index] = await startFaultCloud(old.kind, old.profile.name);
    this.fe.useClouds(this.clouds);
  }

  forget(): void {
    this.fe.events.length = 0;
    this.done.clear();
  }

  async close(): Promise<void> {
    if (!this.fe.crashed) await this.fe.engine.shutdown();
  }
}

export class ProcessDriver implements SoakDriver {
  readonly name = 'process';
  private p!: EngineProcess;

  private constructor(
    readonly workspace: string,
    readonly state: string,
    public clouds: FaultCloud[],
  ) {}

  static async start(base: string, clouds: FaultCloud[]): Promise<ProcessDriver> {
    const d = new ProcessDriver(path.join(base, 'ws'), path.join(base, 'state'), clouds);
    await d.boot();
    return d;
  }

  private settings(): EngineSettings {
    const profiles = this.clouds.map((c) => c.profile);
    return EngineSettings.parse({ approvalPolicy: 'auto-edit', profiles, activeProfile: profiles[0]!.name, retry: RETRY });
  }

  private async boot(): Promise<void> {
    this.p = await EngineProcess.start({ workspace: this.workspace, storage: this.state, env: Object.assign({}, ...this.clouds.map((c) => c.env)) as Record<string, string> });
    await this.p.settings(this.settings());
  }

  async newThread(profile: string): Promise<string> {
    return (await this.p.request<{ thread: { id: string } }>('thread/start', { profile })).thread.id;
  }

  async start(threadId: string, text: string): Promise<string> {
    return (await this.p.request<{ turn: Turn }>('turn/start', { threadId, text })).turn.id;
  }

  deltas(turnId: string, step: number): number {
    const id = `msg_${turnId}_${step}`;
    return this.p.notifications.filter((n) => n.method === 'item/agentMessage/delta' && (n.params as { itemId: string }).itemId === id).length;
  }

  patchShown(turnId: string): boolean {
    return this.p.of<{ item: { type: string; turnId: string } }>('item/started').some((x) => x.item.type === 'fileChange' && x.item.turnId === turnId);
  }

  ended(turnId: string): Turn | undefined {
    return this.p.of<{ turn: Turn }>('turn/completed').find((x) => x.turn.id === turnId)?.turn;
  }

  async interrupt(threadId: string): Promise<void> {
    await this.p.request('turn/interrupt', { threadId });
  }

  async kill(): Promise<void> {
    await this.p.kill();
    await this.boot();
  }

  async replaceCloud(index: number): Promise<void> {
    const old = this.clouds[index]!;
    await old.close();
    this.clouds[index] = await startFaultCloud(old.kind, old.profile.name);
    await this.p.settings(this.settings());
  }

  forget(): void {
    this.p.notifications.length = 0;
    this.p.logs.length = 0;
  }

  async close(): Promise<void> {
    await this.p.stop();
  }
}
