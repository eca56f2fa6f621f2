// What an MCP server adds to the fixed prompt every request pays for: a real 20-tool server (the SDK test
// server's filler tools, shaped like an issue tracker's: a sentence and four typed arguments each) is
// started over stdio by the engine's own MCP client, and its tool definitions — as the turn sends them,
// named mcp__<server>__<tool> — are counted with the o200k tokenizer. Baselines in the same process: the
// fixed overhead without the server (our system prompt and the six built-in tools), and the server's
// tool list exactly as it sent it (name, description, inputSchema), which is what sending every schema
// costs. Twenty tools are past the eager limit, so their schemas are deferred (mcp-tool-set.ts): a line
// per tool inside mcp_load_tools. Target: the fixed prompt with the server stays within the budget the
// fixed prompt without it has (prompt-overhead.bench.ts, 1,800 tokens).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getEncoding } from 'js-tiktoken';
import { McpToolSet } from '../src/core/agent/mcp-tool-set';
import { SYSTEM_PROMPT, toolDefinitions } from '../src/core/agent/prompt';
import { TOOLS } from '../src/core/agent/tools';
import { CancellationSource } from '../src/core/ports/cancellation';
import { NodeMcpServers } from '../src/host/mcp/node-mcp-servers';

const TOOL_COUNT = 20;
/** The fixed prompt's budget (prompt-overhead.bench.ts): a 20-tool server must not push the prompt past it. */
const MAX_TOTAL_TOKENS = 1_800;

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
    const set = new McpToolSet(infos);
    if (!set.deferred) throw new Error(`${TOOL_COUNT} tools were expected past the eager limit`);
    const baseline = enc.encode(SYSTEM_PROMPT).length + enc.encode(json(builtIn)).length;
    const withMcp = enc.encode(SYSTEM_PROMPT).length + enc.encode(json([...builtIn, ...set.definitions()])).length;
    const eager = enc.encode(SYSTEM_PROMPT).length + enc.encode(json([...builtIn, ...set.schemas()])).length;
    const added = withMcp - baseline;
    // The server's own list, as tools/list answered it (what any client would have to send).
    const serverList = enc.encode(JSON.stringify(infos.map((t) => ({ type: 'function', name: t.name, description: t.description, inputSchema: t.inputSchema })))).length;
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
        eagerAddedTokens: eager - baseline,
        serverListTokens: serverList,
        target: `totalTokens <= ${MAX_TOTAL_TOKENS}`,
        pass: withMcp <= MAX_TOTAL_TOKENS,
      }),
    );
  } finally {
    await servers.close();
  }
}

void main();
