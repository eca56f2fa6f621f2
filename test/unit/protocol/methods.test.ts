import assert from 'node:assert/strict';
import { EngineNotification, engineNotifications, toolParametersSchema, TOOL_NAMES } from '../../../src/protocol';

describe('protocol', () => {
  it('validates an engine notification by its method and rejects a malformed one', () => {
    const ok = EngineNotification.safeParse({
      method: 'item/agentMessage/delta',
      params: { threadId: 't1', turnId: 'u1', itemId: 'i1', delta: 'Hel' },
    });
    assert.equal(ok.success, true);
    const bad = EngineNotification.safeParse({ method: 'item/agentMessage/delta', params: { threadId: 't1', delta: 3 } });
    assert.equal(bad.success, false);
    const unknown = EngineNotification.safeParse({ method: 'nope', params: {} });
    assert.equal(unknown.success, false);
    assert.ok(Object.keys(engineNotifications).length >= 10);
  });

  it('gives every tool a JSON schema the model can use', () => {
    for (const name of TOOL_NAMES) {
      const schema = toolParametersSchema(name);
      assert.equal(schema.type, 'object', name);
      assert.ok(Array.isArray(schema.required), name);
    }
    const shell = toolParametersSchema('shell') as { properties: Record<string, { type: string }> };
    assert.equal(shell.properties.command.type, 'array');
  });
});
