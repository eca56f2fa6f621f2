// The whole engine in-process, as the editor and the CLI run it — real files in a temp folder, a real
// shell, real thread/ledger/audit files, the real provider adapters — talking to a loopback cloud
// (Bedrock or Azure) that plays a script. The test answers command approvals and reviews patches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inProcessClient } from '../../src/core/engine/engine-client';
import type { Engine } from '../../src/core/engine/engine';
import { createNodeEngine } from '../../src/host/node-engine';
import { createLogger, systemClock } from '../../src/host/system';
import {
  EngineSettings,
  type ApprovalDecision,
  type ClientRequestParams,
  type EngineNotification,
  type EngineSettingsInput,
  type ProviderProfile,
  type Turn,
} from '../../src/protocol';
import type { ModelClientFactory } from '../../src/core/model/types';
import { ProviderModelClientFactory } from '../../src/providers/factory';
import { startBedrockServer, type BedrockServer } from './bedrock-server';
import { startOpenAIServer, type OpenAIServer } from './openai-server';
import { PatchReviewer, type PatchReviewRequest } from './patch-reviewer';
import type { ReceivedRequest, ScriptEntry } from './scripted-model';

export type CloudKind = 'bedrock' | 'azure';

export interface Cloud {
  kind: CloudKind;
  profile: ProviderProfile;
  env: Record<string, string>;
  script(entries: ScriptEntry[]): void;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

const AWS = { accessKeyId: 'AKIDENGINEHARNESS001', secretAccessKey: 'engine/harness/secret/key/for/tests/0001' };
const AZURE_KEY = 'azure-harness-key-0123456789abcdef';

export async function startCloud(kind: CloudKind, name = `${kind}-test`): Promise<Cloud> {
  if (kind === 'bedrock') {
    const server: BedrockServer = await startBedrockServer({ credentials: AWS, region: 'us-east-1' });
    return {
      kind,
      profile: {
        name,
        provider: 'bedrock',
        model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
        region: 'us-east-1',
        auth: { type: 'chain' },
        endpoint: server.url,
        fallbacks: [],
        disablePromptCache: false,
      },
      env: { AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_ENDPOINT_URL_STS: server.url, AWS_ENDPOINT_URL_BEDROCK: server.url },
      script: (e) => server.script(e),
      requests: server.requests,
      close: () => server.close(),
    };
  }
  const server: OpenAIServer = await startOpenAIServer({ apiKey: AZURE_KEY, azure: { v1: true } });
  return {
    kind,
    profile: {
      name,
      provider: 'azure',
      model: 'gpt-5.5',
      endpoint: server.url,
      deployment: 'gpt-5-5-prod',
      apiVersion: '2025-04-01-preview',
      api: 'responses',
      auth: { type: 'apiKey' },
      scope: 'https://cognitiveservices.azure.com/.default',
      fallbacks: [],
    },
    env: { AZURE_OPENAI_API_KEY: AZURE_KEY },
    script: (e) => server.script(e),
    requests: server.requests,
    close: () => server.close(),
  };
}

/**
 * The test's user: approves a command (an item/command/requestApproval request), or reviews a patch the
 * turn waits on ('patch': accept applies it with patch/apply, any other answer rejects it with patch/reject).
 */
export type Approver = (
  method: 'patch' | 'item/command/requestApproval',
  params: PatchReviewRequest | ClientRequestParams<'item/command/requestApproval'>,
) => Promise<ApprovalDecision> | ApprovalDecision;

/** A PatchReviewer answering for `approve` (default: accept), recording each answer in `approvals`. */
export function patchReviewer(engine: () => Engine, approve: Approver | undefined, approvals: { method: string; params: unknown; decision: string }[]): PatchReviewer {
  return new PatchReviewer(
    (request) => (approve ?? (() => 'accept' as const))('patch', request),
    { apply: (threadId, patchId) => engine().applyPatch(threadId, patchId), reject: (threadId, patchId) => engine().rejectPatch(threadId, patchId) },
    (request, decision) => approvals.push({ method: 'patch', params: request, decision }),
  );
}

/** A client request the harness does not expect the engine to send. */
export function unexpected(method: string): () => Promise<never> {
  return async () => {
    throw new Error(`unexpected client request ${method}`);
  };
}

export interface HarnessOptions {
  clouds: Cloud[];
  files?: Record<string, string>;
  settings?: EngineSettingsInput;
  approve?: Approver;
  /** Keep using this folder and state (a restarted engine over the same files). */
  reuse?: { workspace: string; state: string };
  interactive?: boolean;
  /** Wraps the engine's model client factory (the streaming bench times what the adapter yields). */
  wrapModels?: (factory: ModelClientFactory) => ModelClientFactory;
}

export class EngineHarness {
  readonly events: EngineNotification[] = [];
  readonly approvals: { method: string; params: unknown; decision: ApprovalDecision }[] = [];
  engine!: Engine;
  threadId: string | undefined;

  private constructor(
    readonly workspace: string,
    readonly state: string,
    private readonly opts: HarnessOptions,
  ) {}

  static async create(opts: HarnessOptions): Promise<EngineHarness> {
    const base = opts.reuse ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'cw-engine-'));
    const workspace = opts.reuse?.workspace ?? path.join(base!, 'ws');
    const state = opts.reuse?.state ?? path.join(base!, 'state');
    fs.mkdirSync(workspace, { recursive: true });
    for (const [p, text] of Object.entries(opts.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(workspace, p)), { recursive: true });
      fs.writeFileSync(path.join(workspace, p), text);
    }
    const h = new EngineHarness(workspace, state, opts);
    h.engine = h.build();
    await h.engine.init();
    return h;
  }

  get auditLogPath(): string {
    return path.join(this.state, 'audit.jsonl');
  }

  private build(): Engine {
    const reviewer = patchReviewer(() => this.engine, this.opts.approve, this.approvals);
    const env = Object.assign({ HOME: path.join(this.state, 'home'), PATH: process.env.PATH ?? '' }, ...this.opts.clouds.map((c) => c.env)) as Record<string, string>;
    const approve = async (params: ClientRequestParams<'item/command/requestApproval'>) => {
      const decision = await (this.opts.approve ?? (() => 'accept' as const))('item/command/requestApproval', params);
      this.approvals.push({ method: 'item/command/requestApproval', params, decision });
      return { decision };
    };
    const client = inProcessClient(
      (method, params) => {
        const event = { method, params } as EngineNotification;
        this.events.push(event);
        reviewer.onEvent(event);
      },
      {
        'item/command/requestApproval': approve,
        'auth/secret': unexpected('auth/secret'),
        'auth/token': unexpected('auth/token'),
        'document/save': unexpected('document/save'),
        'mcp/authorize': unexpected('mcp/authorize'),
        'mcp/oauthLoad': unexpected('mcp/oauthLoad'),
        'mcp/oauthSave': unexpected('mcp/oauthSave'),
      },
    );
    const logger = createLogger(() => undefined);
    const { engine } = createNodeEngine({
      root: this.workspace,
      stateDir: this.state,
      ripgrepPath: null,
      env,
      // HOME is inside the state folder: commands must still see it.
      hideEngineFiles: false,
      logger,
      client,
      models: (this.opts.wrapModels ?? ((f) => f))(new ProviderModelClientFactory({ env, logger, clock: systemClock })),
      random: () => 0.5,
      interactive: this.opts.interactive ?? true,
    });
    const profiles = this.opts.clouds.map((c) => c.profile);
    engine.updateSettings(
      EngineSettings.parse({
        approvalPolicy: 'read-only',
        profiles,
        activeProfile: profiles[0]?.name,
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
        ...this.opts.settings,
      }),
    );
    return engine;
  }

  /** Runs one turn to its end (starting the thread on first use). */
  async run(text: string): Promise<Turn> {
    const { turn, done } = await this.start(text);
    void turn;
    return done;
  }

  async start(text: string): Promise<{ turn: Turn; done: Promise<Turn> }> {
    if (!this.threadId) this.threadId = (await this.engine.startThread({})).id;
    return this.engine.startTurn({ threadId: this.threadId, text, attachments: [] });
  }

  read(p: string): string {
    return fs.readFileSync(path.join(this.workspace, p), 'utf8');
  }

  exists(p: string): boolean {
    return fs.existsSync(path.join(this.workspace, p));
  }

  methods(): string[] {
    return this.events.map((e) => e.method);
  }

  /** Completed items of a type, in order. */
  completed<T extends string>(type: T) {
    return this.events
      .filter((e): e is Extract<EngineNotification, { method: 'item/completed' }> => e.method === 'item/completed')
      .map((e) => e.params.item)
      .filter((i) => i.type === type);
  }

  async close(): Promise<void> {
    await this.engine.shutdown();
  }
}

/** A Codex patch that replaces `oldLine` with `newLine` in `file` (with the lines around as context). */
export function patchReplacing(file: string, before: string[], oldLine: string, newLine: string, after: string[]): string {
  return ['*** Begin Patch', `*** Update File: ${file}`, '@@', ...before.map((l) => ` ${l}`), `-${oldLine}`, `+${newLine}`, ...after.map((l) => ` ${l}`), '*** End Patch'].join('\n');
}
