// POST /invocations: one JSON body tagged by action, validated, handed to its handler. A request the
// server understood but refuses (an unknown task, a bad field, a busy session) is answered 200 with
// {"error": {code, message}}: AgentCore turns a container's non-2xx answer into a bare RuntimeClientError
// ("Received error (4xx) from runtime") for the caller, which would lose the message. Only a body that is
// not JSON at all is answered 400 (http-server.ts).
import { CloudTaskInvocation, type CloudTaskError } from '../../protocol';
import { handleCancel } from './handlers/cancel';
import { handleEvents } from './handlers/events';
import { handleResult } from './handlers/result';
import { handleStart } from './handlers/start';
import type { Invoker } from './task';
import { RegistryError, type TaskRegistry } from './task-registry';

export type InvocationAnswer = { body: object; action?: string; taskId?: string };

function refusal(code: CloudTaskError['error']['code'], message: string): CloudTaskError {
  return { error: { code, message } };
}

export async function handleInvocation(registry: TaskRegistry, payload: unknown, invoker: Invoker): Promise<InvocationAnswer> {
  const parsed = CloudTaskInvocation.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).slice(0, 5);
    return { body: refusal('invalidRequest', `invalid invocation: ${problems.join('; ')}`) };
  }
  const req = parsed.data;
  const at = { action: req.action, taskId: req.taskId };
  try {
    switch (req.action) {
      case 'start':
        return { ...at, body: handleStart(registry, req, invoker) };
      case 'events':
        return { ...at, body: await handleEvents(registry, req) };
      case 'result':
        return { ...at, body: await handleResult(registry, req.taskId) };
      case 'cancel':
        return { ...at, body: handleCancel(registry, req.taskId) };
    }
  } catch (e) {
    if (e instanceof RegistryError) return { ...at, body: refusal(e.code, e.message) };
    return { ...at, body: refusal('internal', e instanceof Error ? e.message : String(e)) };
  }
}
