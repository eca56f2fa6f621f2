// MCP tool servers through `crosswind exec`: a real CLI process, a loopback Bedrock server playing the
// scripted model, and a real MCP server written with the SDK (test/support/mcp-test-server.ts) over
// stdio (a child process the CLI starts) and over streamable HTTP on 127.0.0.1. Assertions are on what
// the model was sent (tool definitions, tool results), the audit log, the --json events and exit codes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCloud, type Cloud } from '../../support/engine-harness';
import { startMcpHttpServer, type McpHttpTestServer } from '../../support/mcp-test-server';
import type { ReceivedRequest } from '../../support/scripted-model';
import { runCli } from './run-cli';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SERVER = path.join(ROOT, 'test/support/mcp-test-server.ts');
/** The stdio test server as an mcp.json entry. */
const STDIO = { type: 'stdio', command: process.execPath, args: ['--import', TSX, SERVER] };

type ToolResultMessage = { role: 'tool'; toolResult: { id: string; output: string; isError: boolean } };
interface JsonEvent {
  type: string;
  item?: { type: string; server?: string; tool?: string; status?: string; output?: string };
  servers?: { name: string; status: string; tools: string[]; error?: string }[];
}
interface AuditLine {
  event: { type: string; tool?: string; decision?: string; decidedBy?: string; outcome?: string };
}

function toolResults(request: ReceivedRequest): ToolResultMessage['toolResult'][] {
  return request.messages.filter((m): m is ToolResultMessage => 'toolResult' in m).map((m) => m.toolResult);
}

describe('crosswind exec: MCP tool servers', function () {
  this.timeout(60_000);
  let cloud: Cloud;
  let dir: string;
  let repo: string;
  let audit: string;
  let env: Record<string, string>;
  let http: McpHttpTestServer | undefined;

  beforeEach(async () => {
    cloud = await startCloud('bedrock');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-mcp-'));
    repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    audit = path.join(dir, 'audit.jsonl');
    env = { ...cloud.env, HOME: path.join(dir, 'home'), XDG_STATE_HOME: path.join(dir, 'state'), AWS_REGION: 'us-east-1' };
  });
  afterEach(async () => {
    await cloud.close();
    await http?.close();
    http = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const writeConfig = (name: string, config: unknown): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
    return file;
  };
  const exec = async (approval: string, extra: string[], prompt = 'Use the tools') => {
    const p = cloud.profile as { model: string; endpoint?: string };
    const flags = ['--provider', 'bedrock', '--model', p.model, '--region', 'us-east-1', '--endpoint', p.endpoint!, '--json', '--cwd', repo, '--audit-log', audit, '--approval', approval];
    const r = await runCli(['exec', ...flags, ...extra, prompt], { env, cwd: dir });
    const events = r.stdout.trim() ? r.stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonEvent) : [];
    return { ...r, events };
  };
  const auditEvents = () =>
    fs
      .readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as AuditLine).event);
  const mcpItems = (events: JsonEvent[]) => events.filter((e) => e.type === 'item.completed' && e.item?.type === 'mcpToolCall').map((e) => e.item!);

  it('offers a stdio server\'s tools as mcp__<server>__<tool>, runs a call under full-auto and gives its result to the model, audited', async () => {
    fs.mkdirSync(path.join(repo, '.vscode'));
    // The folder's own .vscode/mcp.json, in VS Code's shape with a comment (JSONC).
    fs.writeFileSync(path.join(repo, '.vscode', 'mcp.json'), `// the project's servers\n${JSON.stringify({ servers: { test: STDIO }, inputs: [] })}`);
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'mcp__test__add', input: { a: 2, b: 40 } }] },
      { steps: [{ type: 'text', text: 'The sum is 42.' }] },
    ]);
    const r = await exec('full-auto', []);
    assert.equal(r.code, 0, r.stderr);
    for (const tool of ['mcp__test__add', 'mcp__test__echo', 'mcp__test__slow', 'mcp__test__crash']) assert.ok(cloud.requests[0]!.toolNames.includes(tool), `${tool} not offered: ${cloud.requests[0]!.toolNames.join(', ')}`);
    // The server's schema reached the model with its definition.
    assert.match(JSON.stringify(cloud.requests[0]!.raw), /"mcp__test__add".*"a".*"number"/s);
    assert.deepEqual(toolResults(cloud.requests[1]!).map((t) => [t.output, t.isError]), [['42', false]]);
    assert.deepEqual(mcpItems(r.events).map((i) => [i.server, i.tool, i.status, i.output]), [['test', 'add', 'completed', '42']]);
    const record = auditEvents().find((e) => e.type === 'toolCall');
    assert.deepEqual([record?.tool, record?.decision, record?.decidedBy, record?.outcome], ['mcp__test__add', 'accept', 'policy', 'ok']);
    // Connected, with its tools, announced in the events.
    const status = r.events.filter((e) => e.type === 'mcp.statusChanged').at(-1);
    assert.equal(status?.servers?.find((s) => s.name === 'test')?.status, 'connected');
  });

  it('calls a streamable HTTP server on 127.0.0.1 with the headers of its entry (--mcp-config)', async () => {
    http = await startMcpHttpServer({ token: 'mcp-test-token-5150' });
    const config = writeConfig('http.json', { servers: { remote: { type: 'http', url: http.url, headers: { Authorization: 'Bearer mcp-test-token-5150' } } } });
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'mcp__remote__echo', input: { text: 'over http' } }] },
      { steps: [{ type: 'text', text: 'Echoed.' }] },
    ]);
    const r = await exec('full-auto', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(toolResults(cloud.requests[1]!).map((t) => [t.output, t.isError]), [['over http', false]]);
    assert.equal(http.unauthorized, 0);
    // The header's token is a secret: never in what the CLI printed.
    assert.ok(!r.stdout.includes('mcp-test-token-5150') && !r.stderr.includes('mcp-test-token-5150'));
  });

  it('declines a call under read-only (nobody to ask) and under auto-edit unless --mcp-allow names the server or tool', async () => {
    const config = writeConfig('stdio.json', { mcpServers: { test: { command: STDIO.command, args: STDIO.args } } });
    const call = { steps: [{ type: 'toolCall' as const, name: 'mcp__test__add', input: { a: 1, b: 1 } }] };
    const done = { steps: [{ type: 'text' as const, text: 'Ok.' }] };

    cloud.script([call, done]);
    let r = await exec('read-only', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    let result = toolResults(cloud.requests[1]!)[0]!;
    assert.ok(result.isError && /^Not run: The read-only policy asks before any MCP tool runs/.test(result.output), result.output);
    assert.deepEqual(mcpItems(r.events).map((i) => i.status), ['declined']);
    let record = auditEvents().filter((e) => e.type === 'toolCall').at(-1);
    assert.deepEqual([record?.tool, record?.decision, record?.outcome], ['mcp__test__add', 'refused', 'declined']);

    cloud.script([call, done]);
    r = await exec('auto-edit', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    result = toolResults(cloud.requests[3]!)[0]!;
    assert.ok(result.isError && /MCP tools ask before they run \(auto-edit policy\)/.test(result.output), result.output);

    cloud.script([call, done]);
    r = await exec('auto-edit', ['--mcp-config', config, '--mcp-allow', 'test/add']);
    assert.equal(r.code, 0, r.stderr);
    result = toolResults(cloud.requests[5]!)[0]!;
    assert.deepEqual([result.output, result.isError], ['2', false]);
    record = auditEvents().filter((e) => e.type === 'toolCall').at(-1);
    assert.deepEqual([record?.decision, record?.outcome], ['accept', 'ok']);
  });

  it('starts a stdio server in the workspace folder without the cloud credentials', async () => {
    const config = writeConfig('stdio.json', { servers: { test: STDIO } });
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'mcp__test__env', input: { name: 'AWS_SECRET_ACCESS_KEY' }, callId: 'c1' }, { type: 'toolCall', name: 'mcp__test__cwd', input: {}, callId: 'c2' }] },
      { steps: [{ type: 'text', text: 'Ok.' }] },
    ]);
    const r = await exec('full-auto', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(env.AWS_SECRET_ACCESS_KEY, 'the test must run the CLI with a credential in its environment');
    assert.deepEqual(toolResults(cloud.requests[1]!).map((t) => t.output), ['(unset)', fs.realpathSync(repo)]);
  });

  it('runs a stdio server inside the command sandbox: it writes in the workspace, not outside it, and cannot read the engine\'s files', async function () {
    if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/bwrap')) this.skip();
    const config = writeConfig('stdio.json', { servers: { test: STDIO } });
    const outside = path.join(os.homedir(), `cw-mcp-outside-${process.pid}.txt`);
    // An earlier session wrote the audit log: the sandbox hides the engine's files that exist when the
    // server starts (one not yet created — a first session's log — is not covered; see the README).
    cloud.script([{ steps: [{ type: 'text', text: 'Earlier session.' }] }]);
    assert.equal((await exec('full-auto', [])).code, 0);
    assert.ok(fs.existsSync(audit));
    cloud.script([
      {
        steps: [
          { type: 'toolCall', name: 'mcp__test__write', input: { path: path.join(repo, 'from-server.txt'), text: 'in the workspace' }, callId: 'w1' },
          { type: 'toolCall', name: 'mcp__test__write', input: { path: outside, text: 'escaped' }, callId: 'w2' },
          { type: 'toolCall', name: 'mcp__test__read', input: { path: audit }, callId: 'r1' },
        ],
      },
      { steps: [{ type: 'text', text: 'Ok.' }] },
    ]);
    try {
      const r = await exec('full-auto', ['--mcp-config', config]);
      assert.equal(r.code, 0, r.stderr);
      const [inside, escaped, auditRead] = toolResults(cloud.requests.at(-1)!).map((t) => t.output);
      assert.equal(inside, 'written');
      assert.equal(fs.readFileSync(path.join(repo, 'from-server.txt'), 'utf8'), 'in the workspace');
      assert.match(escaped!, /^cannot write: (EROFS|EACCES|ENOENT)/, 'the home folder is read-only to the server');
      assert.ok(!fs.existsSync(outside), 'nothing was written outside the workspace');
      assert.match(auditRead!, /^cannot read/, 'the audit log is hidden from the server');
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('gives the model a clear error when the server crashes during a call, completes the turn, and restarts the server on the next call', async () => {
    const config = writeConfig('stdio.json', { servers: { test: STDIO } });
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'mcp__test__crash', input: {} }] },
      { steps: [{ type: 'toolCall', name: 'mcp__test__add', input: { a: 3, b: 4 } }] },
      { steps: [{ type: 'text', text: 'Recovered.' }] },
    ]);
    const r = await exec('full-auto', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    const crashed = toolResults(cloud.requests[1]!)[0]!;
    assert.ok(crashed.isError, crashed.output);
    assert.match(crashed.output, /test\/crash failed: .*The server is down \(the server stopped; its last output: .*crash requested.*\)\. It is started again on the next call\./s);
    assert.deepEqual(toolResults(cloud.requests[2]!).slice(-1).map((t) => [t.output, t.isError]), [['7', false]]);
    const failed = r.events.filter((e) => e.type === 'mcp.statusChanged').flatMap((e) => e.servers ?? []).find((s) => s.status === 'failed');
    assert.match(failed?.error ?? '', /the server stopped/);
  });

  it('abandons a call that outlasts the entry\'s timeout, and the turn goes on', async () => {
    const config = writeConfig('stdio.json', { servers: { test: { ...STDIO, timeout: 700 } } });
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'mcp__test__slow', input: { ms: 30_000 } }] },
      { steps: [{ type: 'text', text: 'It was slow.' }] },
    ]);
    const started = Date.now();
    const r = await exec('full-auto', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(Date.now() - started < 25_000, 'the slow call held the turn');
    const result = toolResults(cloud.requests[1]!)[0]!;
    assert.ok(result.isError);
    assert.match(result.output, /test\/slow did not answer within 700 ms/);
  });

  it('bounds a long result (head and tail kept) like command output', async () => {
    const config = writeConfig('stdio.json', { servers: { test: STDIO } });
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'mcp__test__big', input: { chars: 200_000 } }] },
      { steps: [{ type: 'text', text: 'Big.' }] },
    ]);
    const r = await exec('full-auto', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    const out = toolResults(cloud.requests[1]!)[0]!.output;
    assert.ok(out.length < 40_000, `${out.length} characters reached the model`);
    assert.match(out, /^BEGIN/);
    assert.match(out, /END\n\(Output truncated: the middle was left out\)$/);
    assert.match(out, /characters of output left out/);
  });

  it('defers a large server\'s schemas: one line per tool until the model loads the ones it needs, then they are sent and called', async () => {
    const config = writeConfig('tracker.json', { servers: { tracker: { ...STDIO, args: [...STDIO.args, '--tools', '20'] } } });
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'mcp_load_tools', input: { names: ['mcp__tracker__get_issue', 'mcp__tracker__nope'] } }] },
      { steps: [{ type: 'toolCall', name: 'mcp__tracker__get_issue', input: { project: 'CW', id: '7' } }] },
      { steps: [{ type: 'text', text: 'Issue 7 is empty.' }] },
    ]);
    const r = await exec('full-auto', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    const first = cloud.requests[0]!;
    assert.ok(first.toolNames.includes('mcp_load_tools'));
    assert.deepEqual(first.toolNames.filter((t) => t.startsWith('mcp__')), [], 'no schema is sent before it is loaded');
    const sent = JSON.stringify(first.raw);
    assert.match(sent, /- mcp__tracker__get_issue: Get a issue in the tracker\./, 'each tool is listed by name with its first sentence');
    assert.doesNotMatch(sent, /Free-text filter/, 'no argument schema travels with the listing');
    // Loaded: its schema is offered from the next request on; the rest stay listed.
    const second = cloud.requests[1]!;
    assert.deepEqual(second.toolNames.filter((t) => t.startsWith('mcp__')), ['mcp__tracker__get_issue']);
    assert.match(JSON.stringify(second.raw), /Free-text filter/);
    const [loadResult] = toolResults(second);
    assert.match(loadResult!.output, /Loaded mcp__tracker__get_issue: call it by name now\. No MCP tool is named mcp__tracker__nope/);
    assert.deepEqual(toolResults(cloud.requests[2]!).slice(1).map((t) => [t.output, t.isError]), [['[]', false]], 'the loaded tool ran');
    assert.deepEqual(auditEvents().filter((e) => e.type === 'toolCall').map((e) => [e.tool, e.outcome]), [['mcp_load_tools', 'ok'], ['mcp__tracker__get_issue', 'ok']]);
  });

  it('reports a server that cannot start or cannot be used, offers none of its tools, and still completes the turn', async () => {
    const config = writeConfig('broken.json', {
      servers: {
        missing: { type: 'stdio', command: path.join(dir, 'no-such-server') },
        prompted: { type: 'http', url: 'http://127.0.0.1:9/mcp', headers: { Authorization: 'Bearer ${input:token}' } },
        test: STDIO,
      },
      inputs: [{ id: 'token', type: 'promptString', password: true }],
    });
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'mcp__missing__anything', input: {} }] },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const r = await exec('full-auto', ['--mcp-config', config]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!cloud.requests[0]!.toolNames.some((t) => t.startsWith('mcp__missing') || t.startsWith('mcp__prompted')));
    assert.ok(cloud.requests[0]!.toolNames.includes('mcp__test__echo'));
    const result = toolResults(cloud.requests[1]!)[0]!;
    assert.match(result.output, /Unknown tool 'mcp__missing__anything'\. Its MCP server is not connected/);
    const last = r.events.filter((e) => e.type === 'mcp.statusChanged').at(-1)!.servers!;
    const byName = Object.fromEntries(last.map((s) => [s.name, s]));
    assert.equal(byName.missing?.status, 'failed');
    assert.match(byName.missing?.error ?? '', /could not start '.*no-such-server': no such command/);
    assert.equal(byName.prompted?.status, 'failed');
    assert.match(byName.prompted?.error ?? '', /\$\{input:token\}, which Crosswind cannot prompt for/);
  });

  it('exits 2 naming the file when --mcp-config is missing or not an MCP configuration', async () => {
    const bad = writeConfig('bad.json', '{ "servers": [ }');
    let r = await exec('full-auto', ['--mcp-config', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--mcp-config .*bad\.json is not valid JSON/);
    const wrong = writeConfig('wrong.json', { tools: {} });
    r = await exec('full-auto', ['--mcp-config', wrong]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /wrong\.json has no "servers" \(or "mcpServers"\) object/);
    r = await exec('full-auto', ['--mcp-config', path.join(dir, 'absent.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--mcp-config .*absent\.json: cannot read it \(ENOENT\)/);
    assert.equal(cloud.requests.length, 0, 'a model request was made despite the bad configuration');
  });
});
