// `crosswind cloud deploy`: creates the AgentCore runtime that runs the Crosswind image, or updates it to
// a new image or role; prints what it did and waits until the runtime is READY.
import { deployRuntime, waitForRuntime } from '../../../providers/agentcore/runtime-deploy';
import { EXIT_FAILED, EXIT_OK, InputError, UsageError, writeLine, type CliIO } from '../../command';
import { saveRuntime } from '../cloud-state';
import { parse } from './shared';

const OPTIONS = {
  name: { type: 'string' },
  image: { type: 'string' },
  role: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  env: { type: 'string', multiple: true },
  'idle-timeout': { type: 'string' },
  'max-lifetime': { type: 'string' },
  'no-wait': { type: 'boolean' },
} as const;

/** Environment variable names that hold secrets: those go in Secrets Manager, never in the runtime's configuration. */
const SECRET_NAME = /(KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL)/i;
/** The runtime name rule of CreateAgentRuntime. */
const NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  // LifecycleConfiguration: 60–28800 seconds on microVM runtimes.
  if (!Number.isInteger(n) || n < 60 || n > 28800) throw new UsageError(`--${flag} is 60–28800 seconds, not '${value}'`);
  return n;
}

export async function deploy(args: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parse(args, OPTIONS);
  if (positionals.length) throw new UsageError(`deploy takes no arguments (got '${positionals[0]}')`);
  if (!v.image) throw new UsageError('--image URI is required (the ECR image of Crosswind, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/crosswind:0.1.0)');
  if (!v.role) throw new UsageError("--role ARN is required (the runtime's execution role: it may call Bedrock and read the task's repositories)");
  const name = v.name ?? 'crosswind';
  if (!NAME.test(name)) throw new UsageError(`--name '${name}': a letter, then letters, digits or _ (48 at most)`);
  const region = v.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('--region or AWS_REGION is required');
  const environment: Record<string, string> = {};
  for (const pair of v.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env takes KEY=VALUE, not '${pair}'`);
    const key = pair.slice(0, eq);
    if (SECRET_NAME.test(key)) {
      throw new InputError(`--env ${key}: secrets are never put in the runtime's configuration. Store it in AWS Secrets Manager and let the execution role read it (docs/cloud-tasks.md, "Credentials").`);
    }
    environment[key] = pair.slice(eq + 1);
  }
  const idleSeconds = seconds('idle-timeout', v['idle-timeout']);
  const maxLifetimeSeconds = seconds('max-lifetime', v['max-lifetime']);
  const outcome = await deployRuntime(io.env, {
    region,
    ...(v.profile ? { profile: v.profile } : {}),
    name,
    imageUri: v.image,
    roleArn: v.role,
    description: 'Crosswind cloud tasks (crosswind serve)',
    environment,
    ...(idleSeconds ? { idleSeconds } : {}),
    ...(maxLifetimeSeconds ? { maxLifetimeSeconds } : {}),
  });
  writeLine(io.stdout, `${outcome.action} runtime ${name}: ${outcome.runtimeArn} (version ${outcome.version}, ${outcome.status})`);
  writeLine(io.stdout, `  image ${v.image}`);
  writeLine(io.stdout, `  role  ${v.role}`);
  await saveRuntime(io.env, { runtimeArn: outcome.runtimeArn, runtimeId: outcome.runtimeId, name, region, version: outcome.version, deployedAt: Date.now() });
  if (v['no-wait']) return EXIT_OK;
  const settled = await waitForRuntime(io.env, region, outcome.runtimeId, { ...(v.profile ? { profile: v.profile } : {}), limitMs: 10 * 60_000, everyMs: 2000 });
  writeLine(io.stdout, `runtime ${name} is ${settled.status}${settled.failureReason ? `: ${settled.failureReason}` : ''}`);
  if (settled.status !== 'READY') return EXIT_FAILED;
  writeLine(io.stderr, 'Next: crosswind cloud run "your task" (it uses this runtime).');
  return EXIT_OK;
}
