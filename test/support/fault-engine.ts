// The whole engine in-process (like engine-harness.ts) with the seams the resilience tests need: the
// workspace can be wrapped (an editor's unsaved buffers, a file changed at the worst moment), the logger's
// output is kept, every backoff the engine waits is recorded, and the engine can "crash": from crash() on
// nothing it does reaches the disk, the shell, the cloud or the front end any more — every port call
// hangs, as if the process had died — and a new FaultEngine over the same folders plays the restart.
import fs from 'node:fs';
import path from 'node:path';
import { inProcessClient } from '../../src/core/engine/engine-client';
import type { Engine } from '../../src/core/engine/engine';
import type { ModelClient, ModelClientFactory, ModelEvent, ModelRequest } from '../../src/core/model/types';
import { CancellationSource } from '../../src/core/ports/cancellation';
import type { Shell } from '../../src/core/ports/shell';
import type { Clock, Logger } from '../../src/core/ports/system';
import type { Workspace } from '../../src/core/ports/workspace';
import type { ThreadRecord } from '../../src/core/threads/records';
import { createNodeEngine } from '../../src/host/node-engine';
import { createLogger, systemClock } from '../../src/host/system';
import { EngineSettings, type ClientRequestParams, type EngineNotification, type EngineSettingsInput, type Turn } from '../../src/protocol';
import { ProviderModelClientFactory } from '../../src/providers/factory';
import { patchReviewer, unexpected, type Approver, type Cloud } from './engine-harness';

export interface FaultEngineOptions {
  clouds: Cloud[];
  /** Existing folders: the workspace, and the engine's state (threads, ledger, audit log). */
  workspace: string;
  state: string;
  settings?: EngineSettingsInput;
  approve?: Approver;
  /** Wraps the file-system workspace (unsaved buffers, races). */
  wrapWorkspace?: (disk: Workspace) => Workspace;
  /** More environment for the shell and the providers. */
  env?: Record<string, string>;
  /** Sees every model client the engine creates. */
  onClient?: (client: ModelClient) => void;
  /** Runs once records are in the thread file (a test can "crash" right there). */
  afterAppend?: (records: ThreadRecord[]) => void;
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** Makes every port call hang once the engine has "crashed", and lets the calls under way finish first. */
class Freezer {
  frozen = false;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly onFreeze = new Set<() => void>();

  /** `track`: crash() waits for it to settle (I/O does; a question to the user may never be answered). */
  run<T>(call: () => Promise<T>, track = true): Promise<T> {
    if (this.frozen) return never();
    const p = call();
    if (track) {
      this.inflight.add(p);
      const done = () => this.inflight.delete(p);
      p.then(done, done);
    }
    return p.then(
      (v) => (this.frozen ? never<T>() : v),
      (e: unknown) => (this.frozen ? never<T>() : Promise.reject(e)),
    );
  }

  whenFrozen(f: () => void): () => void {
    this.onFreeze.add(f);
    return () => this.onFreeze.delete(f);
  }

  async freeze(): Promise<void> {
    this.frozen = true;
    for (const f of this.onFreeze) f();
    this.onFreeze.clear();
    await Promise.allSettled([...this.inflight]);
  }
}

export class FaultEngine {
  readonly events: EngineNotification[] = [];
  readonly approvals: { method: string; params: unknown; decision: string }[] = [];
  /** What the logger wrote (already redacted, as it would reach the Output panel or stderr). */
  readonly logLines: string[] = [];
  /** Every delay the engine asked the clock to wait, in ms. */
  readonly sleeps: number[] = [];
  readonly engine: Engine;
  private readonly freezer = new Freezer();

  private constructor(readonly opts: FaultEngineOptions) {
    this.engine = this.build();
  }

  static async start(opts: FaultEngineOptions): Promise<FaultEngine> {
    fs.mkdirSync(opts.state, { recursive: true });
    const f = new FaultEngine(opts);
    await f.engine.init();
    return f;
  }

  get auditLogPath(): string {
    return path.join(this.opts.state, 'audit.jsonl');
  }

  get crashed(): boolean {
    return this.freezer.frozen;
  }

  /** From now on the engine reaches nothing; resolves once what was under way has settled. */
  crash(): Promise<void> {
    return this.freezer.freeze();
  }

  async run(threadId: string, text: string): Promise<Turn> {
    const { done } = await this.engine.startTurn({ threadId, text, attachments: [] });
    return done;
  }

  completed<T extends string>(type: T) {
    return this.events
      .filter((e): e is Extract<EngineNotification, { method: 'item/completed' }> => e.method === 'item/completed')
      .map((e) => e.params.item)
      .filter((i) => i.type === type);
  }

  /** Points the engine at other clouds (same profile names), e.g. after a cloud was replaced. */
  useClouds(clouds: Cloud[]): void {
    this.opts.clouds = clouds;
    this.updateSettings({});
  }

  updateSettings(settings: EngineSettingsInput): void {
    this.engine.updateSettings(EngineSettings.parse({ ...this.baseSettings(), ...settings }));
  }

  private baseSettings(): EngineSettingsInput {
    const profiles = this.opts.clouds.map((c) => c.profile);
    return { approvalPolicy: 'read-only', profiles, activeProfile: profiles[0]?.name, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 }, ...this.opts.settings };
  }

  private build(): Engine {
    const z = this.freezer;
    const reviewer = patchReviewer(() => this.engine, this.opts.approve, this.approvals);
    const env = Object.assign({ HOME: path.join(this.opts.state, 'home'), PATH: process.env.PATH ?? '' }, ...this.opts.clouds.map((c) => c.env), this.opts.env ?? {}) as Record<string, string>;
    // Untracked: a question to the user may never be answered.
    const approve = (params: ClientRequestParams<'item/command/requestApproval'>) =>
      z.run(async () => {
        const decision = await (this.opts.approve ?? (() => 'accept' as const))('item/command/requestApproval', params);
        this.approvals.push({ method: 'item/command/requestApproval', params, decision });
        return { decision };
      }, false);
    const refuse = (method: string) => () => z.run(unexpected(method), false);
    const client = inProcessClient(
      (method, params) => {
        if (z.frozen) return;
        const event = { method, params } as EngineNotification;
        this.events.push(event);
        reviewer.onEvent(event);
      },
      {
        'item/command/requestApproval': approve,
        'auth/secret': refuse('auth/secret'),
        'auth/token': refuse('auth/token'),
        'document/save': refuse('document/save'),
        'mcp/authorize': refuse('mcp/authorize'),
        'mcp/oauthLoad': refuse('mcp/oauthLoad'),
        'mcp/oauthSave': refuse('mcp/oauthSave'),
      },
    );
    const write = (line: string) => {
      if (!z.frozen) this.logLines.push(line);
    };
    const logger: Logger = createLogger((level, line) => write(`${level}: ${line}`), 'trace');
    const clock: Clock = {
      now: () => systemClock.now(),
      sleep: (ms, signal) => {
        if (ms > 0) this.sleeps.push(ms);
        return z.run(() => systemClock.sleep(ms, signal), false);
      },
    };
    const factory = new ProviderModelClientFactory({ env, logger, clock: systemClock });
    const models: ModelClientFactory = {
      create: (profile) => {
        const c = freezable(factory.create(profile), z);
        this.opts.onClient?.(c);
        return c;
      },
    };
    const { engine } = createNodeEngine({
      root: this.opts.workspace,
      stateDir: this.opts.state,
      ripgrepPath: null,
      env,
      // HOME is inside the state folder: commands must still see it.
      hideEngineFiles: false,
      logger,
      clock,
      client,
      models,
      random: () => 0.5,
      // Every port hangs once the engine has "crashed".
      wrap: {
        workspace: (disk) => {
          const ws = this.opts.wrapWorkspace ? this.opts.wrapWorkspace(disk) : disk;
          return {
            root: ws.root,
            folders: ws.folders,
            resolve: (p) => z.run(() => ws.resolve(p)),
            canonical: (p) => z.run(() => ws.canonical(p)),
            read: (p) => z.run(() => ws.read(p)),
            listDir: (p) => z.run(() => ws.listDir(p)),
            search: (r) => z.run(() => ws.search(r)),
            write: (c) => z.run(() => ws.write(c)),
            absolute: (p) => ws.absolute(p),
          };
        },
        // Untracked: a command outlives a killed engine (it runs in its own process group).
        shell: (shell): Shell => ({ run: (r) => z.run(() => shell.run(r), false), sandbox: () => shell.sandbox(), parse: (script) => shell.parse(script) }),
        store: (jsonl) => ({
          append: (id, records) =>
            z.run(async () => {
              await jsonl.append(id, records);
              this.opts.afterAppend?.(records);
            }),
          read: (id) => z.run(() => jsonl.read(id)),
          list: () => z.run(() => jsonl.list()),
        }),
        ledger: (file) => ({ append: (e) => z.run(() => file.append(e)), read: (s) => z.run(() => file.read(s)) }),
        audit: (chain) => ({ record: (e) => z.run(() => chain.record(e)) }),
      },
    });
    engine.updateSettings(EngineSettings.parse(this.baseSettings()));
    return engine;
  }
}

/** A model client whose stream is cut (as by a dead process) when the engine crashes. */
function freezable(inner: ModelClient, z: Freezer): ModelClient {
  return {
    get profile() {
      return inner.profile;
    },
    get servedBy() {
      return inner.servedBy;
    },
    listModels: (signal) => z.run(() => inner.listModels(signal)),
    whoami: (signal) => z.run(() => inner.whoami(signal)),
    stream: (request: ModelRequest): AsyncIterable<ModelEvent> => ({
      async *[Symbol.asyncIterator]() {
        if (z.frozen) return await never<undefined>();
        const cut = new CancellationSource(request.signal);
        const unhook = z.whenFrozen(() => cut.cancel());
        try {
          for await (const ev of inner.stream({ ...request, signal: cut.signal })) {
            if (z.frozen) break;
            yield ev;
          }
        } catch (e) {
          if (!z.frozen) throw e;
        } finally {
          unhook();
        }
        if (z.frozen) await never();
      },
    }),
  };
}
