// Typed, validated JSON-RPC over the language-server connection. Every custom method goes through these
// helpers, typed by the registries in src/protocol/methods.ts: incoming params and outgoing client
// replies are validated with zod, and failures travel as a ResponseError whose data is an ErrorInfo.
import { ResponseError, type Connection } from 'vscode-languageserver/node';
import {
  clientRequests,
  engineNotifications,
  engineRequests,
  type ClientRequestMethod,
  type ClientRequestParams,
  type ClientRequestResult,
  type EngineNotificationMethod,
  type EngineNotificationParams,
  type EngineRequestMethod,
  type EngineRequestParsedParams,
  type EngineRequestResult,
  type ErrorInfo,
} from '../protocol';
import { redactValue } from '../shared';

/** JSON-RPC error code for a typed engine failure (inside the server-defined range). */
export const ENGINE_ERROR_CODE = -32001;

type ParsedParams<M extends EngineRequestMethod> = EngineRequestParsedParams<M>;

export type EngineRequestHandler<M extends EngineRequestMethod> = (
  params: ParsedParams<M>,
) => Promise<EngineRequestResult<M>> | EngineRequestResult<M>;

/** Maps any thrown value to the ErrorInfo the client will see. */
export type ErrorMapper = (e: unknown) => ErrorInfo;

export function onEngineRequest<M extends EngineRequestMethod>(
  connection: Connection,
  method: M,
  handler: EngineRequestHandler<M>,
  toErrorInfo: ErrorMapper,
): void {
  const schema = engineRequests[method];
  connection.onRequest(method, async (raw: unknown) => {
    const parsed = schema.params.safeParse(raw ?? {});
    if (!parsed.success) {
      return new ResponseError(ENGINE_ERROR_CODE, `Invalid params for ${method}: ${parsed.error.message}`, {
        error: { kind: 'invalidRequest', message: `Invalid params for ${method}: ${parsed.error.issues[0]?.message ?? ''}` },
      });
    }
    try {
      return await handler(parsed.data as ParsedParams<M>);
    } catch (e) {
      const info = toErrorInfo(e);
      return new ResponseError(ENGINE_ERROR_CODE, info.message, { error: info });
    }
  });
}

export async function sendClientRequest<M extends ClientRequestMethod>(
  connection: Connection,
  method: M,
  params: ClientRequestParams<M>,
): Promise<ClientRequestResult<M>> {
  const raw: unknown = await connection.sendRequest(method, params);
  const parsed = clientRequests[method].result.safeParse(raw);
  if (!parsed.success) throw new Error(`The editor answered ${method} with an invalid result: ${parsed.error.message}`);
  return parsed.data as ClientRequestResult<M>;
}

export function sendNotification<M extends EngineNotificationMethod>(
  connection: Connection,
  method: M,
  params: EngineNotificationParams<M>,
): void {
  // Validate in development builds only: notifications are produced by our own engine from typed values.
  if (process.env.CROSSWIND_VALIDATE_NOTIFICATIONS === '1') engineNotifications[method].parse(params);
  // Redacted like the thread file: a key the model repeated or an error quoted never reaches the views or
  // the trace. Streamed text arrives a whole word at a time (ThreadSession.delta), so no key is split.
  void connection.sendNotification(method, redactValue(params));
}
