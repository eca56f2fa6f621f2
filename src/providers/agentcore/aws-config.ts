// How the AgentCore clients (and the dispatcher's STS lookup) reach AWS: the region, an endpoint override
// read from the host's environment by the names the AWS SDK itself honours (AWS_ENDPOINT_URL_<SERVICE>,
// then AWS_ENDPOINT_URL), and credentials the way the AWS CLI finds them — static keys in that
// environment, else the node provider chain (profile, IAM Identity Center, process, web identity,
// container and instance roles). Passed explicitly so the CLI's environment is authoritative.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { bypassesProxy } from '../bedrock/transport';

type Env = Record<string, string | undefined>;

export type AgentCoreService = 'BEDROCK_AGENTCORE' | 'BEDROCK_AGENTCORE_CONTROL' | 'STS';

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials: ReturnType<typeof fromNodeProviderChain> | { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  requestHandler?: NodeHttpHandler;
}

export function awsClientConfig(env: Env, service: AgentCoreService, options: { region: string; profile?: string }): AwsClientConfig {
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true';
  const endpoint = ignore ? undefined : env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
  const profile = options.profile ?? env.AWS_PROFILE;
  const credentials =
    !options.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
      : fromNodeProviderChain({ ...(profile ? { profile } : {}) });
  const target = new URL(endpoint ?? `https://${service.toLowerCase().replace(/_/g, '-')}.${options.region}.amazonaws.com`);
  const proxy = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  const useProxy = proxy && !bypassesProxy(target, env.NO_PROXY ?? env.no_proxy);
  const agent = useProxy ? new HttpsProxyAgent(proxy, { keepAlive: true }) : undefined;
  return {
    region: options.region,
    credentials,
    ...(endpoint ? { endpoint } : {}),
    ...(agent ? { requestHandler: new NodeHttpHandler({ httpAgent: agent, httpsAgent: agent }) } : {}),
  };
}

/** The region and account of an AgentCore runtime ARN (arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID). */
export function parseRuntimeArn(arn: string): { region: string; account: string; runtimeId: string } | undefined {
  const m = /^arn:aws[a-z-]*:bedrock-agentcore:([a-z0-9-]+):(\d{12}):runtime\/([A-Za-z0-9_-]+)$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, runtimeId: m[3]! } : undefined;
}
