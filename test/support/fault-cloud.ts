// A loopback cloud (as engine-harness.ts's startCloud makes it) that also says how much of its script is
// left — the soak replaces a cloud whose script was not used up (a turn interrupted or killed before its
// next request), so the next turn never plays a stale entry.
import { startBedrockServer } from './bedrock-server';
import type { Cloud, CloudKind } from './engine-harness';
import { startOpenAIServer } from './openai-server';

export interface FaultCloud extends Cloud {
  /** Script entries not played yet. */
  pending(): number;
}

const AWS = { accessKeyId: 'AKIDFAULTCLOUD000001', secretAccessKey: 'fault/cloud/secret/key/for/tests/00001' };
const AZURE_KEY = 'azure-fault-cloud-key-0123456789abcdef';

export async function startFaultCloud(kind: CloudKind, name: string): Promise<FaultCloud> {
  if (kind === 'bedrock') {
    const server = await startBedrockServer({ credentials: AWS, region: 'us-east-1' });
    return {
      kind,
      profile: { name, provider: 'bedrock', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1', auth: { type: 'chain' }, endpoint: server.url, fallbacks: [], disablePromptCache: false },
      env: { AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_ENDPOINT_URL_STS: server.url },
      script: (e) => server.script(e),
      requests: server.requests,
      pending: () => server.pending(),
      close: () => server.close(),
    };
  }
  const server = await startOpenAIServer({ apiKey: AZURE_KEY, azure: { v1: true } });
  return {
    kind,
    profile: { name, provider: 'azure', model: 'gpt-5.5', endpoint: server.url, deployment: 'gpt-5-5-prod', apiVersion: '2025-04-01-preview', api: 'responses', auth: { type: 'apiKey' }, scope: 'https://cognitiveservices.azure.com/.default', fallbacks: [] },
    env: { AZURE_OPENAI_API_KEY: AZURE_KEY },
    script: (e) => server.script(e),
    requests: server.requests,
    pending: () => server.remaining(),
    close: () => server.close(),
  };
}
