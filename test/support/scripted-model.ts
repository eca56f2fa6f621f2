// The script every loopback model server (Bedrock, Azure/OpenAI) plays back, in one provider-neutral
// vocabulary, so the same scenario can run against each cloud's real wire protocol.
//
// A server holds a queue of ScriptEntry values; each model request takes the next one. An entry either
// answers (a ScriptedResponse, streamed in the provider's own event format) or fails (a Fault, in the
// provider's own error shape). When the queue is empty, the server answers 500 with a message saying the
// script ran out, so a test that makes more requests than it scripted fails loudly.

export type ScriptStep =
  /** Streamed as several deltas (`chunks`, default 3). */
  | { type: 'text'; text: string; chunks?: number }
  | { type: 'reasoning'; text: string }
  | { type: 'toolCall'; name: string; input: Record<string, unknown>; callId?: string };

export interface ScriptedUsage {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
}

/**
 * What the server saw, in neutral form, for assertions and for `expect` checks. `raw` is the request body
 * exactly as the provider received it.
 */
export interface ReceivedRequest {
  path: string;
  model: string;
  system: string;
  /** Messages flattened to role + text, tool calls and tool results by id. */
  messages: Array<
    | { role: 'user' | 'assistant'; text: string }
    /** An image the user sent: its format (png, jpeg, gif, webp) and its bytes, base64. */
    | { role: 'user'; image: { format: string; data: string } }
    | { role: 'assistant'; toolCall: { id: string; name: string; input: unknown } }
    | { role: 'tool'; toolResult: { id: string; output: string; isError: boolean } }
  >;
  toolNames: string[];
  headers: Record<string, string | string[] | undefined>;
  raw: unknown;
}

export interface ScriptedResponse {
  steps: ScriptStep[];
  usage?: ScriptedUsage;
  /** Default: 'toolUse' when a step is a tool call, else 'endTurn'. */
  stop?: 'endTurn' | 'toolUse' | 'maxTokens';
  /** Pause between streamed events (a slow stream). */
  delayMs?: number;
  /** Throw to reject the request the way the real service rejects an invalid one (400, validation error). */
  expect?: (request: ReceivedRequest) => void;
}

export type Fault =
  | { fault: 'throttle'; retryAfterSeconds?: number }
  | { fault: 'serverError'; status?: number }
  /** The provider's own in-stream error event after `afterEvents` events. */
  | { fault: 'midStreamError'; afterEvents: number }
  /** The connection is destroyed after `afterEvents` events (0 = before any response byte). */
  | { fault: 'drop'; afterEvents: number }
  /** The stream ends cleanly after `afterEvents` events but without its terminal events. */
  | { fault: 'truncate'; afterEvents: number }
  | { fault: 'authExpired' }
  | { fault: 'authInvalid' }
  | { fault: 'accessDenied' }
  | { fault: 'contextTooLong' }
  | { fault: 'quota' };

export type ScriptEntry = ScriptedResponse | Fault;

export function isFault(entry: ScriptEntry): entry is Fault {
  return 'fault' in entry;
}

/** Splits text into `n` roughly equal non-empty pieces (the deltas of a streamed answer). */
export function chunkText(text: string, n = 3): string[] {
  if (text.length === 0) return [''];
  const size = Math.max(1, Math.ceil(text.length / n));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The stop reason a response ends with. */
export function stopOf(r: ScriptedResponse): 'endTurn' | 'toolUse' | 'maxTokens' {
  return r.stop ?? (r.steps.some((s) => s.type === 'toolCall') ? 'toolUse' : 'endTurn');
}

/** The last tool result a model request carried (what the model was told about its previous call). */
export function lastToolResult(request: ReceivedRequest | undefined): { output: string; isError: boolean } {
  const results = (request?.messages ?? []).filter((m): m is Extract<ReceivedRequest['messages'][number], { role: 'tool' }> => m.role === 'tool');
  const last = results[results.length - 1];
  if (!last) throw new Error('the request carried no tool result');
  return last.toolResult;
}
