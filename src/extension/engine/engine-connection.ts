// The extension's side of the engine connection: starts the engine process with vscode-languageclient,
// restarts it when it dies, and exposes the protocol as typed, validated requests and notifications.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  ResponseError,
  State,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
} from 'vscode-languageclient/node';
import {
  clientRequests,
  EngineCapabilities,
  EngineInitOptions,
  engineNotifications,
  engineRequests,
  PROTOCOL_VERSION,
  RpcErrorData,
  type ClientRequestHandlers,
  type ClientRequestMethod,
  type EngineNotification,
  type EngineRequestMethod,
  type EngineRequestParams,
  type EngineRequestResult,
} from '../../protocol';
import { EngineError } from '../../shared/engine-error';
import { Disposable } from '../disposable';
import { splitEngineEnvironment } from './engine-environment';
import { redactingChannel } from './redacting-channel';
import { engineServerOptions } from './server-options';

export type EngineState = 'starting' | 'running' | 'restarting' | 'stopped';

/** Restarts a crashed engine, but gives up (and says so) when it keeps crashing. */
class RestartPolicy implements ErrorHandler {
  private readonly crashes: number[] = [];
  constructor(
    private readonly onGiveUp: () => void,
    private readonly maxCrashes = 5,
    private readonly windowMs = 3 * 60_000,
  ) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length && this.crashes[0]! < now - this.windowMs) this.crashes.shift();
    if (this.crashes.length > this.maxCrashes) {
      this.onGiveUp();
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    return { action: CloseAction.Restart, handled: true };
  }
}

export class EngineConnection extends Disposable {
  private readonly client: LanguageClient;
  private readonly notificationEmitter = this.register(new vscode.EventEmitter<EngineNotification>());
  private readonly stateEmitter = this.register(new vscode.EventEmitter<EngineState>());
  private currentState: EngineState = 'stopped';
  private startPromise: Promise<void> | undefined;

  /** Every engine notification, validated. */
  readonly onNotification = this.notificationEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    traceChannel: vscode.LogOutputChannel,
    handlers: ClientRequestHandlers,
    initializationOptions: () => EngineInitOptions,
  ) {
    super();
    const environment = splitEngineEnvironment(process.env);
    const clientOptions: LanguageClientOptions = {
      // Every file-backed document: the engine reads what the user sees, unsaved edits included.
      documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
      outputChannel: log,
      traceOutputChannel: redactingChannel(traceChannel),
      errorHandler: new RestartPolicy(() => this.reportGaveUp()),
      // Checked against the schema the engine parses them with, so a mistake shows here, not as an engine that ignores it.
      initializationOptions: () => EngineInitOptions.parse({ ...initializationOptions(), cloudEnvironment: environment.cloudEnv }),
      progressOnInitialization: false,
    };
    this.client = new LanguageClient('crosswind', 'Crosswind Engine', engineServerOptions(extensionUri, environment.processEnv), clientOptions);
    this.register(
      this.client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.setState('running');
        else if (e.newState === State.Starting) this.setState(this.currentState === 'stopped' ? 'starting' : 'restarting');
        else this.setState('stopped');
      }),
    );
    for (const method of Object.keys(engineNotifications) as (keyof typeof engineNotifications)[]) {
      this.register(
        this.client.onNotification(method, (params: unknown) => {
          const parsed = engineNotifications[method].safeParse(params);
          if (parsed.success) this.notificationEmitter.fire({ method, params: parsed.data } as EngineNotification);
          else this.log.warn(`Dropped an invalid ${method} notification from the engine: ${parsed.error.message}`);
        }),
      );
    }
    for (const method of Object.keys(clientRequests) as ClientRequestMethod[]) {
      this.register(this.client.onRequest(method, (params: unknown) => this.answer(method, params, handlers)));
    }
  }

  get state(): EngineState {
    return this.currentState;
  }

  /** The engine process id, as the engine reported it in `initialize` (tests kill it to check the restart). */
  get pid(): number | undefined {
    return this.capabilities?.processId;
  }

  /** What the engine said about itself in `initialize`. */
  get capabilities(): EngineCapabilities | undefined {
    const parsed = EngineCapabilities.safeParse(this.client.initializeResult?.capabilities.experimental?.crosswind);
    return parsed.success ? parsed.data : undefined;
  }

  start(): Promise<void> {
    this.startPromise ??= this.client.start().then(() => this.checkVersion());
    return this.startPromise;
  }

  /** Resolves once the engine is running (starting it if needed). */
  async ready(): Promise<void> {
    await this.start();
    if (this.client.state === State.Running) return;
    await new Promise<void>((resolve) => {
      const sub = this.client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          sub.dispose();
          resolve();
        }
      });
    });
  }

  async restart(): Promise<void> {
    this.log.info('Restarting the Crosswind engine');
    if (!this.startPromise) return this.start();
    await this.client.restart();
  }

  async request<M extends EngineRequestMethod>(method: M, params: EngineRequestParams<M>): Promise<EngineRequestResult<M>> {
    await this.ready();
    let raw: unknown;
    try {
      raw = await this.client.sendRequest(method, params);
    } catch (e) {
      throw toEngineError(e);
    }
    const parsed = engineRequests[method].result.safeParse(raw);
    if (!parsed.success) throw new EngineError({ kind: 'internal', message: `The engine answered ${method} with an invalid result.` });
    return parsed.data as EngineRequestResult<M>;
  }

  override dispose(): void {
    void this.client.dispose(2000).catch(() => undefined);
    super.dispose();
  }

  private async answer<M extends ClientRequestMethod>(method: M, params: unknown, handlers: ClientRequestHandlers): Promise<unknown> {
    const parsed = clientRequests[method].params.safeParse(params);
    if (!parsed.success) return new ResponseError(-32602, `Invalid params for ${method}`);
    try {
      return await handlers[method](parsed.data as never);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.warn(`${method} failed: ${message}`);
      return new ResponseError(-32001, message, { error: { kind: 'internal', message } });
    }
  }

  private checkVersion(): void {
    const caps = this.capabilities;
    if (!caps) this.log.error('The engine did not report its capabilities; is dist/server.js from another version?');
    else if (caps.protocolVersion !== PROTOCOL_VERSION) this.log.error(`Engine protocol ${caps.protocolVersion}, extension ${PROTOCOL_VERSION}`);
    else this.log.info(`Engine ${caps.engineVersion} running (pid ${this.pid ?? '?'})`);
  }

  private reportGaveUp(): void {
    this.log.error('The Crosswind engine crashed repeatedly and was not restarted.');
    void vscode.window
      .showErrorMessage('The Crosswind engine stopped after repeated crashes. See the Crosswind log for details.', 'Restart Engine', 'Show Log')
      .then((pick) => {
        if (pick === 'Restart Engine') void vscode.commands.executeCommand('crosswind.restartEngine');
        else if (pick === 'Show Log') this.log.show();
      });
  }

  private setState(state: EngineState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }
}

function toEngineError(e: unknown): EngineError {
  if (e instanceof ResponseError) {
    const data = RpcErrorData.safeParse(e.data);
    if (data.success) return new EngineError(data.data.error);
    return new EngineError({ kind: 'internal', message: e.message });
  }
  return new EngineError({ kind: 'internal', message: e instanceof Error ? e.message : String(e) });
}
