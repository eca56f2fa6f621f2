// The pure parts of MCP support: reading the configuration files users already have, the names the
// model sees, and the approval verdict of each policy.
import assert from 'node:assert/strict';
import { MCP_LOAD_TOOL, mcpToolName, McpToolSet, mcpToolsUsedIn } from '../../../src/core/agent/mcp-tool-set';
import { decideMcpCall, mcpSessionKey } from '../../../src/core/approvals/policy';
import { EngineSettings } from '../../../src/protocol';
import { parseMcpConfigFile } from '../../../src/shared';

describe('MCP configuration files', () => {
  it('reads VS Code\'s mcp.json with comments, trailing commas and inputs; a stdio entry gets its defaults', () => {
    const text = `{
      // a comment, and "a // string" that is not one
      "inputs": [{ "id": "key", "type": "promptString" }],
      "servers": {
        "files": { "type": "stdio", "command": "npx", "args": ["-y", "server-files", "a // b", "x,}"], },
        "remote": { "type": "http", "url": "https://example.com/mcp", "headers": { "X-Team": "cw" } },
      },
    }`;
    assert.deepEqual(parseMcpConfigFile(text, 'mcp.json'), {
      files: { type: 'stdio', command: 'npx', args: ['-y', 'server-files', 'a // b', 'x,}'], env: {} },
      remote: { type: 'http', url: 'https://example.com/mcp', headers: { 'X-Team': 'cw' } },
    });
  });

  it('reads Claude\'s and Cursor\'s mcpServers (no type: a command is stdio, a url is HTTP) and skips disabled entries', () => {
    const servers = parseMcpConfigFile(JSON.stringify({ mcpServers: { a: { command: 'a-server', env: { K: 'v' } }, b: { url: 'http://127.0.0.1:3000/mcp' }, c: { command: 'x', disabled: true } } }), 'claude.json');
    assert.deepEqual(Object.keys(servers), ['a', 'b']);
    assert.equal(servers.a?.type, 'stdio');
    assert.equal(servers.b?.type, 'http');
  });

  it('keeps an entry it cannot use as failed with the reason: an ${input:} variable, SSE, no command, a bad url', () => {
    const servers = parseMcpConfigFile(
      JSON.stringify({
        servers: {
          prompted: { type: 'stdio', command: 'x', env: { TOKEN: '${input:token}' } },
          sse: { type: 'sse', url: 'http://x/sse' },
          empty: {},
          badUrl: { type: 'http', url: 'not a url' },
        },
      }),
      'mcp.json',
    );
    const errors = Object.fromEntries(Object.entries(servers).map(([k, v]) => [k, v.type === 'invalid' ? v.error : v.type]));
    assert.match(errors.prompted!, /mcp\.json: server 'prompted' uses \$\{input:token\}, which Crosswind cannot prompt for/);
    assert.match(errors.sse!, /legacy SSE transport/);
    assert.match(errors.empty!, /needs "type": "stdio" \(with "command"\) or "http" \(with "url"\)/);
    assert.match(errors.badUrl!, /server 'badUrl' is not valid: url:/);
  });

  it('refuses a file that is not JSON or has no servers, naming it', () => {
    assert.throws(() => parseMcpConfigFile('{ "servers": ', 'team.json'), /team\.json is not valid JSON/);
    assert.throws(() => parseMcpConfigFile('[]', 'team.json'), /team\.json must hold a JSON object/);
    assert.throws(() => parseMcpConfigFile('{"tools": {}}', 'team.json'), /team\.json has no "servers"/);
  });
});

describe('MCP tool names', () => {
  it('names a tool mcp__<server>__<tool> within the providers\' rule, cut with a stable suffix when long', () => {
    assert.equal(mcpToolName('github', 'create_issue'), 'mcp__github__create_issue');
    assert.equal(mcpToolName('my.server', 'do it!'), 'mcp__my_server__do_it_');
    const long = mcpToolName('a-very-long-server-name-from-a-gallery', 'and_an_even_longer_tool_name_that_goes_on');
    assert.match(long, /^[a-zA-Z0-9_-]{1,64}$/);
    assert.equal(long, mcpToolName('a-very-long-server-name-from-a-gallery', 'and_an_even_longer_tool_name_that_goes_on'));
    assert.notEqual(long, mcpToolName('a-very-long-server-name-from-a-gallery', 'and_an_even_longer_tool_name_that_goes_on_2'));
  });

  it('maps a called name back to its server and tool, keeping two tools that clean alike apart', () => {
    const set = new McpToolSet([
      { server: 's', name: 'a.b', description: 'dot', inputSchema: { type: 'object', $schema: 'x' } },
      { server: 's', name: 'a_b', description: 'underscore', inputSchema: { type: 'object' } },
    ]);
    const defs = set.definitions();
    assert.deepEqual(defs.map((d) => d.name), ['mcp__s__a_b', 'mcp__s__a_b_2']);
    assert.equal(set.lookup('mcp__s__a_b_2')?.name, 'a_b');
    assert.equal(defs[0]!.parameters.$schema, undefined);
    assert.equal(defs[0]!.description, 'dot');
  });

  const tracker = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      server: 'tracker',
      name: `tool_${i}`,
      description: `Does thing ${i} in the tracker. Then a second sentence nobody needs in a listing.`,
      inputSchema: { type: 'object', properties: { project: { type: 'string', description: 'Project key, e.g. "CW"' }, query: { type: 'string', description: 'Free-text filter' } } },
    }));

  it('sends a few small tools whole, and defers a large set behind mcp_load_tools', () => {
    const small = new McpToolSet(tracker(3));
    assert.equal(small.deferred, false);
    assert.deepEqual(small.definitions().map((d) => d.name), ['mcp__tracker__tool_0', 'mcp__tracker__tool_1', 'mcp__tracker__tool_2']);
    const large = new McpToolSet(tracker(40));
    assert.equal(large.deferred, true);
    const [loader, ...rest] = large.definitions();
    assert.deepEqual([loader!.name, rest.length], [MCP_LOAD_TOOL, 0]);
    assert.match(loader!.description, /^- mcp__tracker__tool_39: Does thing 39 in the tracker\.$/m);
    assert.ok(JSON.stringify(large.definitions()).length < JSON.stringify(large.schemas()).length / 2, 'the listing costs well under half of the schemas');
    // Called without loading, a deferred tool still routes to its server.
    assert.equal(large.lookup('mcp__tracker__tool_5')?.name, 'tool_5');
  });

  it('keeps the tools a thread loaded or called loaded in its next turns', () => {
    const used = mcpToolsUsedIn([
      { type: 'toolCall', callId: 'c1', name: MCP_LOAD_TOOL, input: { names: ['mcp__tracker__tool_1', 7] }, rawArguments: '' },
      { type: 'toolCall', callId: 'c2', name: 'mcp__tracker__tool_2', input: {}, rawArguments: '{}' },
      { type: 'toolCall', callId: 'c3', name: 'read_file', input: { file_path: 'a' }, rawArguments: '' },
    ]);
    assert.deepEqual(used, ['mcp__tracker__tool_1', 'mcp__tracker__tool_2']);
    const set = new McpToolSet(tracker(40), used);
    assert.deepEqual(set.definitions().map((d) => d.name), ['mcp__tracker__tool_1', 'mcp__tracker__tool_2', MCP_LOAD_TOOL]);
    assert.doesNotMatch(set.definitions().at(-1)!.description, /tool_1:/, 'a loaded tool leaves the listing');
    assert.deepEqual(set.load({ names: [] }), { output: 'mcp_load_tools needs "names": a list of tool names from its description.', isError: true });
  });
});

describe('MCP approval verdicts', () => {
  const settings = (approvalPolicy: 'read-only' | 'auto-edit' | 'full-auto', mcpAllow: string[] = [], trusted = true) => EngineSettings.parse({ approvalPolicy, mcpAllow, trusted });
  const none = new Set<string>();

  it('read-only asks even for an allowed server; full-auto runs; Restricted Mode refuses', () => {
    assert.equal(decideMcpCall(settings('read-only', ['s']), 's', 't', none).action, 'ask');
    assert.equal(decideMcpCall(settings('full-auto'), 's', 't', none).action, 'allow');
    assert.equal(decideMcpCall(settings('full-auto', [], false), 's', 't', none).action, 'refuse');
  });

  it('auto-edit runs what the allow list names (server or server/tool) or the user approved for the session, and asks otherwise', () => {
    assert.equal(decideMcpCall(settings('auto-edit', ['s']), 's', 't', none).action, 'allow');
    assert.equal(decideMcpCall(settings('auto-edit', ['s/t']), 's', 't', none).action, 'allow');
    assert.equal(decideMcpCall(settings('auto-edit', ['s/t']), 's', 'u', none).action, 'ask');
    assert.equal(decideMcpCall(settings('auto-edit', ['s2']), 's', 't', none).action, 'ask');
    assert.equal(decideMcpCall(settings('auto-edit'), 's', 't', new Set([mcpSessionKey('s', 't')])).action, 'allow');
  });
});
