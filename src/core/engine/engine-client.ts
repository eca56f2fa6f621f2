// The engine's view of its front end (the editor over LSP, or the CLI in-process): notifications out,
// and requests for approvals, secrets and saves back.
import type {
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
