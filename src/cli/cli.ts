// `crosswind`: the engine as a command-line front end (for CI pipelines and scripts).
import { commands } from './commands';
import { EXIT_FAILED, EXIT_USAGE, InputError, UsageError, writeLine, type CliIO } from './command';
import { CLI_VERSION } from './version';

function help(io: CliIO): void {
  writeLine(io.stdout, `crosswind ${CLI_VERSION} — a coding agent on Amazon Bedrock, Azure OpenAI or OpenAI\n`);
  writeLine(io.stdout, 'Usage: crosswind <command> [options]\n\nCommands:');
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  for (const c of commands) writeLine(io.stdout, `  ${c.name.padEnd(width)}  ${c.summary}`);
  writeLine(io.stdout, '\nRun `crosswind <command> --help` for a command\'s options.');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, CLI_VERSION);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    writeLine(io.stderr, `crosswind: unknown command '${name}'. Run 'crosswind --help' for the list.`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(io.stdout, command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      writeLine(io.stderr, `crosswind ${name}: ${e.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (e instanceof InputError) {
      writeLine(io.stderr, `crosswind ${name}: ${e.message}`);
      return EXIT_USAGE;
    }
    writeLine(io.stderr, `crosswind ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_FAILED;
  }
}

/**
 * The AWS SDK warns on every run under Node < 22 that its releases after January 2027 will need Node 22.
 * That is news for whoever updates Crosswind's dependencies, not for a CI log: the CLI supports Node 20.19+
 * (package.json engines) with the SDK versions it ships. Only that warning is dropped; every other
 * process warning is printed as usual.
 */
function hideAwsNodeVersionWarning(): void {
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.startsWith('NodeVersionSupportWarning')) return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}

if (require.main === module) {
  hideAwsNodeVersionWarning();
  main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = EXIT_FAILED;
    },
  );
}
