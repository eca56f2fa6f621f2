// `crosswind exec`: one task, headless, on the same engine as the editor.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PriceLayer } from '../../core/cost/price-table';
import { inProcessClient } from '../../core/engine/engine-client';
import { loadPricingFile } from '../../host/pricing-file';
import { ApprovalPolicy, DEFAULT_COMMAND_DENY, type ClientRequestMethod } from '../../protocol';
import { redactSecrets, redactValue } from '../../shared';
import { cliModelClients, createCliEngine } from '../cli-engine';
import { EXIT_FAILED, EXIT_OK, InputError, UsageError, writeLine, type CliCommand } from '../command';
import { existingDirs } from '../exec/added-dirs';
import { headlessEngineSettings } from '../exec/engine-settings';
import { humanEventWriter } from '../exec/human-output';
import { readImageAttachments } from '../exec/image-attachments';
import { readMcpServers } from '../exec/mcp-config-files';
import { jsonEventWriter } from '../exec/json-events';
import { checkCredentialEnvironment, credentialAlternative, preflight } from '../exec/preflight';
import { sanitizingStream } from '../exec/terminal-text';
import { reportModelError } from '../provider-deps';
import { EXEC_PROVIDER_FLAGS, providerFlagOptions, providerFlagsFrom, providerOptionsUsage, resolveProviderProfile } from '../provider-options';

const USAGE = `Usage: crosswind exec [provider options] [options] PROMPT

Runs one task with the agent in a folder and exits: 0 when the turn completed, 1 when it failed,
2 on bad usage. PROMPT '-' reads the prompt from standard input.

Options:
  --approval POLICY     read-only (default): patches are reported, not applied; no commands run
                        auto-edit: patches apply (atomically), except files that make code run
                        later (.vscode/, CI workflows, package.json scripts…); commands are not run
                        full-auto: patches apply and commands run in the OS sandbox (writes only in
                        the folder and /tmp, no network, credentials hidden); without a sandbox
                        (no bubblewrap, Windows) commands are not run
  --cwd DIR             The folder to work in (default: the current directory)
  --add-dir DIR         Another folder the agent may read and patch beside --cwd (repeatable): a
                        multi-root workspace, where every path starts with its folder's name
                        (the folder's base name; a repeated name gets -2, -3…)
  --json                One JSON event per line on stdout (thread/turn/item events, then
                        turn.completed with usage and cost); everything else on stderr
  --pricing FILE        A JSON price table merged over the shipped one
                        ({"bedrock/<model>": {"input": 1.25, "output": 10, "cacheRead": 0.125}, …})
  --audit-log FILE      Audit log to append to (default: the state folder's audit.jsonl)
  --budget-turn USD     Stop the turn once it has cost this much
  --budget-day USD      Stop once today's spend (all runs) reaches this
  --allow PREFIX        A plain command starting with these words runs without approval (repeatable)
  --deny COMMAND        A command that never runs, however it is spelled (repeatable; added to
                        the default list: ${DEFAULT_COMMAND_DENY.join(', ')})
  --allow-network       Let commands use the network (the sandbox has none otherwise)
  --mcp-config FILE     MCP tool servers in VS Code's mcp.json shape ({"servers": {…}}, or Claude's
                        {"mcpServers": {…}}), added to the folder's .vscode/mcp.json (repeatable);
                        their tools are offered as mcp__<server>__<tool>
  --mcp-allow NAME      Under auto-edit, run this MCP server's tools (NAME = server) or this tool
                        (NAME = server/tool) without approval (repeatable); read-only never runs
                        them, full-auto always does
  --image FILE          Send a PNG, JPEG, GIF or WebP image with the prompt (repeatable; at most
                        20, 3.75 MB each); refused before any request for a model without vision
  --verbose             Log engine details on stderr

${providerOptionsUsage(EXEC_PROVIDER_FLAGS)}`;

function unanswerable(method: ClientRequestMethod): () => Promise<never> {
  return async () => {
    throw new Error(`${method} cannot be answered in crosswind exec`);
  };
}

/** After Ctrl-C, how long the turn gets to stop cleanly before the process exits anyway. */
const FORCE_EXIT_MS = 5000;

const OPTIONS = {
  ...providerFlagOptions(EXEC_PROVIDER_FLAGS),
  approval: { type: 'string' },
  cwd: { type: 'string' },
  'add-dir': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  pricing: { type: 'string' },
  'audit-log': { type: 'string' },
  'budget-turn': { type: 'string' },
  'budget-day': { type: 'string' },
  allow: { type: 'string', multiple: true },
  deny: { type: 'string', multiple: true },
  'allow-network': { type: 'boolean' },
  image: { type: 'string', multiple: true },
  'mcp-config': { type: 'string', multiple: true },
  'mcp-allow': { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
} as const;

function usd(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number of US dollars, not '${value}'`);
  return n;
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

export const execCommand: CliCommand = {
  name: 'exec',
  summary: 'Run one task with the agent, headless',
  usage: USAGE,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const v = parsed.values;
    let prompt = parsed.positionals.join(' ').trim();
    if (prompt === '-') prompt = (await readStdin(io.stdin)).trim();
    if (!prompt) throw new UsageError('a PROMPT is required');
    const policy = ApprovalPolicy.safeParse(v.approval ?? 'read-only');
    if (!policy.success) throw new UsageError(`--approval must be read-only, auto-edit or full-auto, not '${v.approval}'`);
    const cwd = path.resolve(io.cwd, v.cwd ?? '.');
    const stat = await fs.stat(cwd).catch(() => null);
    if (!stat?.isDirectory()) throw new InputError(`--cwd ${v.cwd ?? '.'}: ${stat ? 'not a directory' : 'no such directory'} (${cwd})`);
    const addedDirs = await existingDirs(v['add-dir'] ?? [], io.cwd);
    const profile = resolveProviderProfile(providerFlagsFrom(v), io.env);
    const perTurnUsd = usd('budget-turn', v['budget-turn']);
    const perDayUsd = usd('budget-day', v['budget-day']);
    const priceLayers: PriceLayer[] = v.pricing ? [await loadPricingFile(path.resolve(io.cwd, v.pricing))] : [];
    const attachments = await readImageAttachments(v.image ?? [], io.cwd);
    const mcpServers = await readMcpServers(cwd, v['mcp-config'] ?? [], io.cwd);
    checkCredentialEnvironment(profile, io.env);
    const checked = await preflight(profile, cliModelClients(io.env, io.stderr));
    if (checked.error) {
      const code = reportModelError(checked.error, 'exec', io.stderr);
      const alternative = credentialAlternative(profile);
      if (alternative) writeLine(io.stderr, `  ${alternative}`);
      return code;
    }

    // Untrusted text (the model's, file names, command output) reaches a terminal only sanitised.
    const emit = v.json ? jsonEventWriter(io.stdout) : humanEventWriter(sanitizingStream(io.stdout), sanitizingStream(io.stderr));
    const client = inProcessClient(
      // Redacted like everything the editor is sent: CI logs are where a leaked key would end up.
      (method, params) => emit(method, redactValue(params)),
      // Nobody is there to answer: the engine is non-interactive and never asks for an approval (see
      // `interactive`); keys come from the environment, not SecretStorage; edits go straight to disk.
      {
        'item/command/requestApproval': unanswerable('item/command/requestApproval'),
        'auth/secret': unanswerable('auth/secret'),
        'auth/token': unanswerable('auth/token'),
        'document/save': unanswerable('document/save'),
        // No browser from a CLI run: an MCP server that needs an OAuth sign-in is reported failed
        // (sign in from the editor); nothing is kept between runs.
        'mcp/authorize': async () => ({ opened: false }),
        'mcp/oauthLoad': async () => ({ value: null }),
        'mcp/oauthSave': async () => ({}),
      },
    );
    const { engine } = createCliEngine({
      cwd,
      addedDirs,
      models: checked.models,
      env: io.env,
      stderr: io.stderr,
      client,
      priceLayers,
      ...(v['audit-log'] ? { auditLogPath: path.resolve(io.cwd, v['audit-log']) } : {}),
      ...(v.verbose ? { verbose: true } : {}),
    });
    engine.updateSettings(
      headlessEngineSettings({
        approval: policy.data,
        profile,
        allow: v.allow ?? [],
        deny: v.deny ?? [],
        network: v['allow-network'] ?? false,
        mcpServers,
        mcpAllow: v['mcp-allow'] ?? [],
        ...(perTurnUsd ? { perTurnUsd } : {}),
        ...(perDayUsd ? { perDayUsd } : {}),
      }),
    );
    await engine.init();
    const thread = await engine.startThread({ profile: profile.name });
    if (v.json) io.stdout.write(JSON.stringify({ type: 'thread.started', threadId: thread.id }) + '\n');
    const { turn, done } = await engine.startTurn({ threadId: thread.id, text: prompt, attachments });
    // Ctrl-C interrupts the turn (its commands end with it); a second Ctrl-C, or a turn that has not
    // stopped within a few seconds, ends the process — nothing the agent does can keep it running.
    let interrupts = 0;
    const onSigint = () => {
      if (++interrupts > 1) process.exit(130);
      void engine.interruptTurn(thread.id, turn.id);
      setTimeout(() => {
        writeLine(io.stderr, 'crosswind exec: the turn did not stop after Ctrl-C; exiting.');
        process.exit(130);
      }, FORCE_EXIT_MS).unref();
    };
    process.on('SIGINT', onSigint);
    try {
      const final = await done;
      if (final.status !== 'completed') {
        if (!v.json && final.status === 'interrupted') writeLine(io.stderr, 'crosswind exec: interrupted');
        // In --json the failure is in the events on stdout; stderr says it once for a person reading the log.
        if (v.json && final.error) {
          writeLine(io.stderr, `crosswind exec: ${redactSecrets(final.error.message)}`);
          if (final.error.fix) writeLine(io.stderr, `  fix: ${redactSecrets(final.error.fix)}`);
        }
        return EXIT_FAILED;
      }
      return EXIT_OK;
    } finally {
      process.removeListener('SIGINT', onSigint);
      await engine.shutdown();
    }
  },
};
