// One file per engine request: each exports a RequestHandler bound to its method.
import type { EngineRequestMethod, EngineRequestParsedParams, EngineRequestResult, ProviderProfile } from '../../protocol';
import type { Engine } from '../../core/engine/engine';

export interface HandlerContext {
  engine: Engine;
  /** Where this engine writes its audit log. */
  auditLogPath: string;
  /** The audit log's key (from the editor's SecretStorage). */
  auditKey(): Promise<string | undefined>;
  /** Learns the API keys of these profiles, to redact them wherever they turn up. */
  learnSecrets(profiles: ProviderProfile[]): Promise<void>;
  /** Reports long work with $/progress in the editor. */
  progress<T>(title: string, work: () => Promise<T>): Promise<T>;
}

export interface RequestHandler<M extends EngineRequestMethod> {
  method: M;
  handle(params: EngineRequestParsedParams<M>, ctx: HandlerContext): Promise<EngineRequestResult<M>>;
}

/** Erases the method type so handlers of different methods fit one list. */
export type AnyRequestHandler = { [M in EngineRequestMethod]: RequestHandler<M> }[EngineRequestMethod];

export function handler<M extends EngineRequestMethod>(h: RequestHandler<M>): RequestHandler<M> {
  return h;
}
