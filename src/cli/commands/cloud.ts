// `crosswind cloud`: cloud tasks in the user's own account — deploy the AgentCore runtime, hand it a
// task, watch it, take its verified patch; or the same task on GitHub Actions. One file per subcommand
// under src/cli/cloud/commands/.
import { UsageError, type CliCommand } from '../command';
import { cancel } from '../cloud/commands/cancel';
import { deploy } from '../cloud/commands/deploy';
import { events } from '../cloud/commands/events';
import { pack } from '../cloud/commands/pack';
import { result } from '../cloud/commands/result';
import { run } from '../cloud/commands/run';
import { status } from '../cloud/commands/status';
import { providerOptionsUsage, EXEC_PROVIDER_FLAGS } from '../provider-options';

const USAGE = `Usage: crosswind cloud <subcommand> [options]

Runs tasks on Amazon Bedrock AgentCore Runtime in your AWS account (or on GitHub Actions), under your
IAM and audit. See docs/cloud-tasks.md.

  deploy --image URI --role ARN [--name NAME] [--region REGION] [--env KEY=VALUE]… [--idle-timeout S]
         [--max-lifetime S] [--no-wait]
      Creates the AgentCore runtime (or updates it to a new image/role) and waits until it is READY.
  run [options] PROMPT
      Starts a task; prints its id. The workspace goes as a git bundle of HEAD plus uncommitted
      changes (not ignored files); --repo-url URL [--ref REF] lets the runtime fetch it instead.
      --runtime-arn ARN     default: the runtime deploy made, or CROSSWIND_AGENTCORE_RUNTIME_ARN
      --qualifier NAME      the runtime endpoint (default DEFAULT)
      --approval POLICY     read-only, auto-edit (default) or full-auto, as for crosswind exec
      --budget USD          stop the task's turn once it has cost this much
      --timeout-minutes M   stop the task after M minutes (the runtime's limit is 8 hours)
      --with-history        send the history too (default: the files only)
      --max-bundle-mb N     refuse a bundle larger than this (default 64)
      --follow              print its events until it ends
      --github OWNER/REPO   run it on GitHub Actions instead (--workflow FILE, --ref BRANCH)
  status [TASK]           one task's status and cost, or every task started from here
  events TASK [--after N] [--follow] [--json]
  result TASK [--apply] [--3way] [--out FILE] [--json] [--stop-session]
      Verifies the task's audit log with the key kept here, then prints the patch (or applies it
      to the workspace if that still matches the task's base; --3way merges into your changes).
  cancel TASK [--stop-session]
  pack --task-id ID --events FILE --audit-log FILE --out FILE [--base REF] [--requested-by WHO]
      (in a GitHub Actions run) writes the task's result as crosswind serve would answer it.

Common: --profile NAME (this machine's AWS profile), --cwd DIR.
The model options of run are those of crosswind exec, passed to the runtime:
${providerOptionsUsage(EXEC_PROVIDER_FLAGS.filter((f) => f !== 'profile'))
  .split('\n')
  .filter((l) => l.startsWith('  '))
  .join('\n')}`;

const SUBCOMMANDS: Record<string, (args: string[], io: Parameters<CliCommand['run']>[1]) => Promise<number>> = { deploy, run, status, events, result, cancel, pack };

export const cloudCommand: CliCommand = {
  name: 'cloud',
  summary: 'Run tasks on AgentCore Runtime (or GitHub Actions) in your own account',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!sub) throw new UsageError('say what to do: deploy, run, status, events, result, cancel or pack');
    const handler = SUBCOMMANDS[sub];
    if (!handler) throw new UsageError(`unknown subcommand '${sub}' (deploy, run, status, events, result, cancel or pack)`);
    return handler(rest, io);
  },
};
