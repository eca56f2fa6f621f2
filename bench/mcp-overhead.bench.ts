// What an MCP server adds to the fixed prompt every request pays for: a real 20-tool server (the SDK test
// server's filler tools, shaped like an issue tracker's: a sentence and four typed arguments each) is
// started over stdio by the engine's own MCP client, and its tool definitions — as the turn sends them,
// named mcp__<server>__<tool> — are counted with the o200k tokenizer. Baselines in the same process: the
// fixed overhead without the server (our system prompt and the six built-in tools), and the server's
// tool list exactly as it sent it (name, description, inputSchema). Target: what Crosswind sends for the
// server's tools is at most 5% more than the server's own list — the schemas are the server's, so
// their size is reported (addedTokens, ratioToBaseline), not hidden; lazy schema loading is not done.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getEncoding } from 'js-tiktoken';
import { McpToolSet } from '../src/core/agent/mcp-tool-set';
import { SYSTEM_PROMPT, toolDefinitions } from '../src/core/agent/prompt';
import { TOOLS } from '../src/core/agent/tools';
import { CancellationSource } from '../src/core/ports/cancellation';
import { NodeMcpServers } from '../src/host/mcp/node-mcp-servers';

const TOOL_COUNT = 20;
const MAX_RATIO_TO_SERVER_LIST = 1.05;

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const servers = new NodeMcpServers({ root, env: process.env, clientVersion: 'bench' });
  servers.configure({
    tracker: { type: 'stdio', command: process.execPath, args: ['--import', tsx, path.join(root, 'test/support/mcp-test-server.ts'), '--tools', String(TOOL_COUNT)], env: {} },
  });
  try {
    const infos = await servers.tools(new CancellationSource().signal);
    if (infos.length !== TOOL_COUNT) throw new Error(`the server offered ${infos.length} tools, not ${TOOL_COUNT}: ${JSON.stringify(servers.status())}`);
    const enc = getEncoding('o200k_base');
    // What providers send for tools: name, description and the JSON Schema of the parameters.
    const json = (defs: { name: string; description: string; parameters: unknown }[]) => JSON.stringify(defs.map((t) => ({ type: 'function', ...t })));
    const builtIn = toolDefinitions(TOOLS);
    const mcp = new McpToolSet(infos).definitions();
    const baseline = enc.encode(SYSTEM_PROMPT).length + enc.encode(json(builtIn)).length;
    const withMcp = enc.encode(SYSTEM_PROMPT).length + enc.encode(json([...builtIn, ...mcp])).length;
    const added = withMcp - baseline;
    // The server's own list, as tools/list answered it (what any client would have to send).
    const serverList = enc.encode(JSON.stringify(infos.map((t) => ({ type: 'function', name: t.name, description: t.description, inputSchema: t.inputSchema })))).length;
    const ratioToServerList = Number((enc.encode(json(mcp)).length / serverList).toFixed(2));
    console.log(
      JSON.stringify({
        bench: 'prompt.overhead.mcp20',
        tokenizer: 'o200k_base',
        mcpTools: TOOL_COUNT,
        addedTokens: added,
        tokensPerTool: Number((added / TOOL_COUNT).toFixed(1)),
        baselineFixedTokens: baseline,
        totalTokens: withMcp,
        ratioToBaseline: Number((withMcp / baseline).toFixed(2)),
        serverListTokens: serverList,
        ratioToServerList,
        target: `ratioToServerList <= ${MAX_RATIO_TO_SERVER_LIST}`,
        pass: ratioToServerList <= MAX_RATIO_TO_SERVER_LIST,
      }),
    );
  } finally {
    await servers.close();
  }
}

void main();
