// The engine may ask the editor to read and write SecretStorage for MCP OAuth state, and for nothing else:
// the editor checks each request against the protocol, which admits only keys of that namespace.
import assert from 'node:assert/strict';
import { clientRequests } from '../../../src/protocol';

describe('MCP OAuth secrets through the protocol', () => {
  it('admits the MCP OAuth keys and refuses any other secret, such as a stored API key', () => {
    const load = clientRequests['mcp/oauthLoad'].params;
    const save = clientRequests['mcp/oauthSave'].params;
    assert.equal(load.safeParse({ key: 'crosswind.mcp.oauth/tracker/https://mcp.example.com/mcp' }).success, true);
    assert.equal(load.safeParse({ key: 'crosswind.apiKey.openai-prod' }).success, false);
    assert.equal(save.safeParse({ key: 'crosswind.apiKey.openai-prod', value: 'x' }).success, false);
    assert.equal(save.safeParse({ key: 'crosswind.mcp.oauth/tracker/https://mcp.example.com/mcp', value: null }).success, true);
  });
});
