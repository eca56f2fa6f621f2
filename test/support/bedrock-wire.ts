// Bedrock's wire formats for the loopback server (bedrock-server.ts): ConverseStream event-stream frames
// (application/vnd.amazon.eventstream, encoded with @smithy/eventstream-codec), Converse JSON bodies,
// the restJson error shape of bedrock/bedrock-runtime and the XML error shape of STS, and the playback
// of a neutral ScriptedResponse / Fault as Bedrock would send it.
import { createHash } from 'node:crypto';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { type Fault, type ScriptedResponse, chunkText, stopOf } from './scripted-model';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** One ConverseStream event (":event-type" and its JSON body) or an in-stream exception. */
export type BedrockStreamEvent =
  | { type: string; body: Record<string, unknown> }
  | { exception: string; body: Record<string, unknown> };

/**
 * A Bedrock-only script entry: the exact events to stream, for cases the neutral vocabulary does not
 * cover (guardrail interventions, redacted reasoning, odd event orders).
 */
export interface RawBedrockResponse {
  events: BedrockStreamEvent[];
  delayMs?: number;
}

// The real service pads every event with a "p" field of varying length (it hides the payload size).
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function encodeEvent(event: BedrockStreamEvent, seq = 0): Uint8Array {
  const body = fromUtf8(JSON.stringify({ ...event.body, p: PADDING.slice(0, 1 + (seq % PADDING.length)) }));
  if ('exception' in event) {
    return codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'exception' },
        ':exception-type': { type: 'string', value: event.exception },
        ':content-type': { type: 'string', value: 'application/json' },
      },
      body,
    });
  }
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: event.type },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body,
  });
}

/** The signature the server gives a reasoning block, so tests can check that it came back unchanged. */
export function reasoningSignature(text: string): string {
  return `sig_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
}

const STOP_REASON = { endTurn: 'end_turn', toolUse: 'tool_use', maxTokens: 'max_tokens' } as const;

function usageOf(r: ScriptedResponse) {
  const u = r.usage ?? {};
  const input = u.input ?? 10;
  const output = u.output ?? 5;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input + output + (u.cacheRead ?? 0) + (u.cacheWrite ?? 0),
    ...(u.cacheRead !== undefined ? { cacheReadInputTokens: u.cacheRead } : {}),
    ...(u.cacheWrite !== undefined ? { cacheWriteInputTokens: u.cacheWrite } : {}),
  };
}

/** A scripted response as the sequence of ConverseStream events Bedrock sends for it. */
export function scriptedStreamEvents(r: ScriptedResponse, nextCallId: () => string): BedrockStreamEvent[] {
  const events: BedrockStreamEvent[] = [{ type: 'messageStart', body: { role: 'assistant' } }];
  r.steps.forEach((step, contentBlockIndex) => {
    const delta = (d: Record<string, unknown>): BedrockStreamEvent => ({ type: 'contentBlockDelta', body: { contentBlockIndex, delta: d } });
    if (step.type === 'text') {
      for (const piece of chunkText(step.text, step.chunks ?? 3)) events.push(delta({ text: piece }));
    } else if (step.type === 'reasoning') {
      for (const piece of chunkText(step.text, 3)) events.push(delta({ reasoningContent: { text: piece } }));
      events.push(delta({ reasoningContent: { signature: reasoningSignature(step.text) } }));
    } else {
      const toolUseId = step.callId ?? nextCallId();
      events.push({ type: 'contentBlockStart', body: { contentBlockIndex, start: { toolUse: { toolUseId, name: step.name } } } });
      for (const piece of chunkText(JSON.stringify(step.input), 3)) events.push(delta({ toolUse: { input: piece } }));
    }
    events.push({ type: 'contentBlockStop', body: { contentBlockIndex } });
  });
  events.push({ type: 'messageStop', body: { stopReason: STOP_REASON[stopOf(r)] } });
  events.push({ type: 'metadata', body: { usage: usageOf(r), metrics: { latencyMs: 42 } } });
  return events;
}

/** A scripted response as a Converse (non-streaming) JSON body. */
export function scriptedConverseBody(r: ScriptedResponse, nextCallId: () => string): Record<string, unknown> {
  const content = r.steps.map((step) => {
    if (step.type === 'text') return { text: step.text };
    if (step.type === 'reasoning') return { reasoningContent: { reasoningText: { text: step.text, signature: reasoningSignature(step.text) } } };
    return { toolUse: { toolUseId: step.callId ?? nextCallId(), name: step.name, input: step.input } };
  });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: STOP_REASON[stopOf(r)],
    usage: usageOf(r),
    metrics: { latencyMs: 42 },
  };
}

/** An HTTP error in Bedrock's restJson shape. */
export interface WireError {
  status: number;
  type: string;
  message: string;
  headers?: Record<string, string>;
  /** Bedrock API-key failures capitalise the field ("Message"). */
  messageField?: 'message' | 'Message';
}

export function restJsonError(e: WireError, requestId: string): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: e.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${e.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': requestId,
      ...e.headers,
    },
    body: JSON.stringify({ [e.messageField ?? 'message']: e.message }),
  };
}

/** An error in STS's (awsQuery) XML shape. */
export function stsXmlError(e: WireError, requestId: string): { status: number; headers: Record<string, string>; body: string } {
  const fault = e.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: e.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${fault}</Type><Code>${e.type}</Code><Message>${e.message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** The HTTP answer Bedrock gives for each fault that fails before the stream starts. */
export function faultError(fault: Fault): WireError | undefined {
  switch (fault.fault) {
    case 'throttle':
      return {
        status: 429,
        type: 'ThrottlingException',
        message: 'Too many requests, please wait before trying again.',
        ...(fault.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(fault.retryAfterSeconds) } } : {}),
      };
    case 'serverError': {
      const status = fault.status ?? 500;
      return status === 503
        ? { status, type: 'ServiceUnavailableException', message: 'Bedrock is unable to process your request.' }
        : { status, type: 'InternalServerException', message: 'The server encountered an internal error while processing the request.' };
    }
    case 'authExpired':
      return { status: 403, type: 'ExpiredTokenException', message: 'The security token included in the request is expired' };
    case 'authInvalid':
      return { status: 403, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
    case 'accessDenied':
      return { status: 403, type: 'AccessDeniedException', message: "You don't have access to the model with the specified model ID." };
    case 'contextTooLong':
      return { status: 400, type: 'ValidationException', message: 'Input is too long for requested model.' };
    case 'quota':
      return { status: 400, type: 'ServiceQuotaExceededException', message: 'Your request exceeds the service quota for your account. You can view your quotas at https://docs.aws.amazon.com/bedrock/latest/userguide/quotas.html' };
    default:
      return undefined;
  }
}

/** The in-stream exception a midStreamError fault sends. */
export const MID_STREAM_EXCEPTION: BedrockStreamEvent = {
  exception: 'modelStreamErrorException',
  body: { message: 'An error occurred while streaming the response. Retry your request.', originalStatusCode: 500, originalMessage: 'model error' },
};
