// The engine's view of its front end (the editor over LSP, or the CLI in-process): notifications out,
// and requests for approvals, secrets and saves back.
import type {
  ClientRequestHandlers,
  ClientRequestMethod,
  ClientRequestParams,
  ClientRequestResult,
  EngineNotificationMethod,
  EngineNotificationParams,
} from '../../protocol';

export interface EngineClient {
  notify<M extends EngineNotificationMethod>(method: M, params: EngineNotificationParams<M>): void;
  request<M extends ClientRequestMethod>(method: M, params: ClientRequestParams<M>): Promise<ClientRequestResult<M>>;
}

/**
 * An in-process front end (the CLI, the test harnesses): notifications go to `notify`, and each request to
 * its entry of `handlers`, a table with one answer per client request — a new request the front end
 * does not answer does not compile.
 */
export function inProcessClient(notify: EngineClient['notify'], handlers: ClientRequestHandlers): EngineClient {
  return { notify, request: (method, params) => handlers[method](params) };
}
