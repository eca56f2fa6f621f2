// `crosswind audit verify [FILE]`: checks the audit log's hash chain (and its head file, when there is
// one) and names the first broken or missing record; exit 0 when intact, 1 when not.
// `crosswind audit show [FILE]`: the log, one readable line per record.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditHeadPath } from '../../host/audit-file';
import { readAuditKey } from '../../host/audit-key';
import { describeVerification, readAuditLogReport } from '../../host/audit-report';
import { EXIT_FAILED, EXIT_OK, UsageError, writeLine, type CliCommand, type CliIO } from '../command';
import { auditKeyPath, defaultAuditLogPath } from '../state-dir';

const USAGE = `Usage: crosswind audit verify [FILE] [--format text|json] [--unkeyed]
       crosswind audit show [FILE]

verify  Checks that no record of the audit log was edited, removed, reordered or cut off, and reports
        the first one that was. Exit code 0: intact; 1: a problem was found or the log is missing.
show    Prints the log, one readable line per record.

FILE defaults to $XDG_STATE_HOME/crosswind/audit.jsonl (where crosswind exec writes it). Records are
keyed (HMAC) with the audit key in $XDG_CONFIG_HOME/crosswind/audit.key, so a log rewritten by anyone
without the key fails. --unkeyed checks a log written before keys were used (moved aside as
audit.jsonl.unkeyed-<time>) by its plain SHA-256 chain.`;

function parse(args: string[]): { sub: string; file: string | undefined; format: string; unkeyed: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, unkeyed: { type: 'boolean', default: false } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const [sub, file, ...extra] = parsed.positionals;
  if (!sub) throw new UsageError('say what to do: verify or show');
  if (sub !== 'verify' && sub !== 'show') throw new UsageError(`unknown subcommand '${sub}' (verify or show)`);
  if (extra.length) throw new UsageError(`one file at a time (got ${extra.length + 1})`);
  if (parsed.values.format !== 'text' && parsed.values.format !== 'json') throw new UsageError(`--format is text or json, not '${parsed.values.format}'`);
  return { sub, file, format: parsed.values.format, unkeyed: parsed.values.unkeyed };
}

async function verify(file: string, format: string, key: string | undefined, io: CliIO): Promise<number> {
  const report = await readAuditLogReport(file, key);
  if (!report.exists) {
    writeLine(io.stderr, `crosswind audit: no audit log at ${file}`);
    return EXIT_FAILED;
  }
  const result = report.verification;
  if (format === 'json') {
    writeLine(io.stdout, JSON.stringify({ file, headChecked: report.headChecked, ...result }));
    return result.ok ? EXIT_OK : EXIT_FAILED;
  }
  writeLine(io.stdout, describeVerification(result));
  if (result.ok && !report.headChecked) writeLine(io.stderr, `(no head file at ${auditHeadPath(file)}: records removed from the end could not be checked)`);
  if (!result.ok) writeLine(io.stdout, `${result.records} record${result.records === 1 ? '' : 's'} before it verified.`);
  return result.ok ? EXIT_OK : EXIT_FAILED;
}

async function show(file: string, io: CliIO): Promise<number> {
  const report = await readAuditLogReport(file);
  if (!report.exists) {
    writeLine(io.stderr, `crosswind audit: no audit log at ${file}`);
    return EXIT_FAILED;
  }
  for (const line of report.lines) writeLine(io.stdout, line);
  return EXIT_OK;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'Verify the audit log\'s hash chain, or show it readably',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { sub, file, format, unkeyed } = parse(args);
    const target = file ? path.resolve(io.cwd, file) : defaultAuditLogPath(io.env);
    const key = unkeyed ? undefined : await readAuditKey(auditKeyPath(io.env));
    return sub === 'verify' ? verify(target, format, key, io) : show(target, io);
  },
};
