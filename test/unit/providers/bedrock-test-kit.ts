// Shared setup for the Bedrock adapter tests: provider deps over a plain env object, a profile pointed
// at the loopback server, and helpers to drain a stream or catch its ModelError.
import assert from 'node:assert/strict';
import { ModelError } from '../../../src/core/model/errors';
import type { ModelEvent, ModelRequest } from '../../../src/core/model/types';
import type { BedrockProfile } from '../../../src/protocol';
import type { ProviderDeps } from '../../../src/providers/deps';
import type { BedrockServer } from '../../support/bedrock-server';

export const CREDS = { accessKeyId: 'AKIDLOOPBACKTEST0001', secretAccessKey: 'loopback/secret/key/for/tests/only/0000001' };
export const REGION = 'us-east-1';

export interface TestDeps extends ProviderDeps {
  logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
}

export function testDeps(env: Record<string, string | undefined>, extra: Partial<ProviderDeps> = {}): TestDeps {
  const logs: TestDeps['logs'] = [];
  return {
    env,
    logs,
    logger: { log: (level, message, fields) => void logs.push({ level, message, ...(fields ? { fields } : {}) }) },
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    ...extra,
  };
}

/** Deps whose environment holds the loopback server's static keys and endpoint overrides. */
export function serverDeps(server: BedrockServer, env: Record<string, string | undefined> = {}, extra: Partial<ProviderDeps> = {}): TestDeps {
  return testDeps({
    HOME: '/nonexistent-home',
    AWS_ACCESS_KEY_ID: CREDS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK: server.url,
    AWS_ENDPOINT_URL_STS: server.url,
    ...env,
  }, extra);
}

export function bedrockProfile(server: BedrockServer | undefined, overrides: Partial<BedrockProfile> = {}): BedrockProfile {
  return {
    name: 'bedrock-test',
    provider: 'bedrock',
    model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    region: REGION,
    auth: { type: 'chain' },
    ...(server ? { endpoint: server.url } : {}),
    fallbacks: [],
    disablePromptCache: false,
    ...overrides,
  };
}

export function userRequest(text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return { system: 'You are a test.', items: [{ type: 'user', text }], tools: [], ...extra };
}

export async function collect(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

/** Runs the stream (or promise) to its failure and returns the ModelError it threw. */
export async function failureOf(work: AsyncIterable<ModelEvent> | Promise<unknown>, seen: ModelEvent[] = []): Promise<ModelError> {
  try {
    if (Symbol.asyncIterator in work) for await (const e of work) seen.push(e);
    else await work;
  } catch (e) {
    assert.ok(e instanceof ModelError, `expected a ModelError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure, but it succeeded');
}

export function textOf(events: ModelEvent[]): string {
  return events.flatMap((e) => (e.type === 'textDelta' ? [e.text] : [])).join('');
}
