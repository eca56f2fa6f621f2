// Who an AWS caller is: the STS caller ARN of the credentials found the way the AWS CLI finds them. Inside
// AgentCore Runtime that is the assumed execution role (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION),
// written into every task's audit log so a patch traces to the role that produced it; on the dispatcher's
// machine, the user who asked, sent along as requestedBy. Never throws: without AWS credentials (a model on
// Azure, a local run) the answer says why the identity is unknown.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig } from './aws-config';

type Env = Record<string, string | undefined>;

const TIMEOUT_MS = 5000;

export function awsCallerIdentity(env: Env, options: { profile?: string } = {}): Promise<string> {
  let client: STSClient;
  try {
    client = new STSClient({ ...awsClientConfig(env, 'STS', { region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1', ...options }), maxAttempts: 2 });
  } catch (e) {
    return Promise.resolve(`unknown (${e instanceof Error ? e.message : String(e)})`);
  }
  return client
    .send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(TIMEOUT_MS) })
    .then(
      (me) => me.Arn ?? 'unknown (STS answered without an ARN)',
      (e: unknown) => `unknown (STS GetCallerIdentity failed: ${e instanceof Error ? e.message : String(e)})`,
    )
    .finally(() => client.destroy());
}
