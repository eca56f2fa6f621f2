// Who `crosswind serve` runs as: the STS caller ARN of the credentials the runtime gives it — inside
// AgentCore Runtime, the assumed execution role (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION). Written
// into every task's audit log, so a patch can be traced to the role that produced it. Asked once per
// process; never throws: a runtime without AWS credentials (a model on Azure, a local run) records why.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

type Env = Record<string, string | undefined>;

const TIMEOUT_MS = 5000;

export function awsCallerIdentity(env: Env): Promise<string> {
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true';
  const endpoint = ignore ? undefined : env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined;
  const client = new STSClient({
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    maxAttempts: 2,
    ...(endpoint ? { endpoint } : {}),
  });
  return client
    .send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(TIMEOUT_MS) })
    .then(
      (me) => me.Arn ?? 'unknown (STS answered without an ARN)',
      (e: unknown) => `unknown (STS GetCallerIdentity failed: ${e instanceof Error ? e.message : String(e)})`,
    )
    .finally(() => client.destroy());
}
