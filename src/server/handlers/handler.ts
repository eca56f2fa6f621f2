// What an engine request handler is given, and the type of the table that holds one per method.
import type { EngineRequestMethod, EngineRequestParsedParams, EngineRequestResult, ProviderProfile } from '../../protocol';
import type { Engine } from '../../core/engine/engine';
import type { CloudTasks } from '../cloud/cloud-tasks';

export interface HandlerContext {
  engine: Engine;
  /** The cloud tasks started from this workspace. */
  cloud: CloudTasks;
  /** Where this engine writes its audit log. */
  auditLogPath: string;
  /** The audit log's key (from the editor's SecretStorage). */
  auditKey(): Promise<string | undefined>;
  /** Learns the API keys of these profiles, to redact them wherever they turn up. */
  learnSecrets(profiles: ProviderProfile[]): Promise<void>;
  /** Reports long work with $/progress in the editor. */
  progress<T>(title: string, work: () => Promise<T>): Promise<T>;
}

/** Answers one engine request; params are already validated against the method's schema. */
export type RequestHandler<M extends EngineRequestMethod> = (params: EngineRequestParsedParams<M>, ctx: HandlerContext) => Promise<EngineRequestResult<M>>;

/** One handler per engine request method: leaving one out is a compile error. */
export type RequestHandlers = { [M in EngineRequestMethod]: RequestHandler<M> };
