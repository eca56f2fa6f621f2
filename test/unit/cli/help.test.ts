// Every `crosswind <command> --help` lists the options that command takes — and only those: what it
// lists, it accepts (no "unknown option"), and the provider flags of a command that calls no model
// (models, whoami) leave out the model's own.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/cli';
import { commands } from '../../../src/cli/commands';
import { runCli } from './run-cli';

/** Runs the CLI in this process (the help is plain text; the spawned runs below prove the real process). */
async function inProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const stdin = new PassThrough();
  stdin.end('');
  // No credentials, no state folder of the developer's: nothing here may reach a cloud or a real ledger.
  const code = await main(argv, { stdin, stdout, stderr, cwd: '/nonexistent-cwd', env: { HOME: '/nonexistent', XDG_STATE_HOME: '/nonexistent/state' } });
  return { code, stdout: out, stderr: err };
}

/**
 * The options a usage text lists, with whether each takes a value: `--name VALUE` at the start of an
 * option line, or `[--name VALUE]` in a Usage line.
 */
function listedOptions(usage: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const m of usage.matchAll(/^ {2}(--[a-z-]+)( [A-Z][A-Z_]*)?/gm)) out.set(m[1]!, m[2] !== undefined);
  for (const m of usage.matchAll(/\[(--[a-z-]+)( [^\]]+)?\]/g)) out.set(m[1]!, m[2] !== undefined);
  return out;
}

describe('crosswind <command> --help', function () {
  this.timeout(60_000);

  it('models --help and whoami --help do not offer the flags of a model call', async () => {
    for (const [name, absent] of [
      ['models', ['--model']],
      ['whoami', ['--model', '--deployment', '--api-version', '--api']],
    ] as const) {
      const r = await runCli([name, '--help'], { env: {} });
      assert.equal(r.code, 0, r.stderr);
      const listed = listedOptions(r.stdout);
      assert.ok(listed.has('--provider') && listed.has('--region'), r.stdout);
      for (const flag of absent) assert.ok(!listed.has(flag), `${name} --help lists ${flag}:\n${r.stdout}`);
      // ... and the command refuses it, as any option it does not take.
      const refused = await inProcess([name, absent[0], 'x']);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, new RegExp(`Unknown option '${absent[0]}'`));
    }
  });

  for (const command of commands) {
    it(`${command.name}: every option its help lists is one it accepts`, async () => {
      const help = await inProcess([command.name, '--help']);
      assert.equal(help.code, 0);
      const listed = listedOptions(help.stdout);
      assert.ok(listed.size > 0, `no options found in:\n${help.stdout}`);
      for (const [flag, takesValue] of listed) {
        // A provider that does not exist stops the model commands before any request; the bad value
        // stops the others. What matters is that the option itself is not refused as unknown.
        // serve: a bad port stops it before it listens.
        const stopEarly =
          command.name === 'models' || command.name === 'whoami' || command.name === 'exec' ? ['--provider', 'nope'] : command.name === 'serve' ? ['--port', 'nope'] : [];
        const r = await inProcess([command.name, ...(command.name === 'audit' ? ['verify'] : []), flag, ...(takesValue ? ['x'] : []), ...(flag === '--provider' ? [] : stopEarly)]);
        assert.doesNotMatch(r.stderr, /unknown option/i, `${command.name} ${flag}: ${r.stderr}`);
      }
    });
  }
});
