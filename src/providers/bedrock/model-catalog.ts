// The model list for the picker, from the Bedrock control plane: text models that stream
// (ListFoundationModels) joined with the inference profiles of the region (ListInferenceProfiles).
// A model without on-demand throughput is listed with the profile that serves it here, and left out
// when the region has none; application inference profiles are listed as models of their own.
import {
  type BedrockClient,
  type FoundationModelSummary,
  type InferenceProfileSummary,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import type { ModelInfo } from '../../protocol';
import { baseModelId, resolveBedrockModelId } from './inference-profiles';
import { familyOf } from './model-families';

/** ListInferenceProfiles pages to read at most (100 profiles a page). */
const MAX_PAGES = 20;

async function listProfiles(client: BedrockClient, abortSignal: AbortSignal): Promise<InferenceProfileSummary[]> {
  const out: InferenceProfileSummary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.send(new ListInferenceProfilesCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }), { abortSignal });
    out.push(...(res.inferenceProfileSummaries ?? []));
    nextToken = res.nextToken;
    if (!nextToken) break;
  }
  return out;
}

function foundationModelInfo(m: FoundationModelSummary, region: string, profileIds: string[]): ModelInfo | undefined {
  const id = m.modelId;
  if (!id || !(m.outputModalities ?? []).includes('TEXT') || m.responseStreamingSupported === false) return undefined;
  const types = (m.inferenceTypesSupported ?? []) as string[];
  const traits = familyOf(id);
  const legacy = m.modelLifecycle?.status === 'LEGACY';
  const info: ModelInfo = {
    id,
    name: `${m.modelName ?? id}${legacy ? ' (legacy)' : ''}`,
    provider: 'bedrock',
    vendor: m.providerName ?? traits.vendor,
    ...(traits.family !== 'other' ? { supportsTools: traits.supportsTools } : {}),
  };
  if (types.includes('ON_DEMAND')) return info;
  const profile = resolveBedrockModelId(id, region, profileIds);
  return profile !== id ? { ...info, inferenceProfile: profile } : undefined;
}

function applicationProfileInfo(p: InferenceProfileSummary): ModelInfo | undefined {
  if (!p.inferenceProfileArn) return undefined;
  const underlying = p.models?.[0]?.modelArn ? baseModelId(p.models[0].modelArn) : undefined;
  const traits = underlying ? familyOf(underlying) : undefined;
  return {
    id: p.inferenceProfileArn,
    name: p.inferenceProfileName ?? p.inferenceProfileId ?? p.inferenceProfileArn,
    provider: 'bedrock',
    ...(traits && traits.family !== 'other' ? { vendor: traits.vendor, supportsTools: traits.supportsTools } : {}),
    inferenceProfile: p.inferenceProfileArn,
  };
}

export async function listBedrockModels(client: BedrockClient, region: string, abortSignal: AbortSignal): Promise<ModelInfo[]> {
  const [models, profiles] = await Promise.all([
    client.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }), { abortSignal }),
    listProfiles(client, abortSignal),
  ]);
  // Only ACTIVE is documented today; anything else is not offered.
  const active = profiles.filter((p) => p.status === undefined || p.status === 'ACTIVE');
  const systemIds = active.filter((p) => p.type !== 'APPLICATION').flatMap((p) => (p.inferenceProfileId ? [p.inferenceProfileId] : []));
  const infos = [
    ...(models.modelSummaries ?? []).flatMap((m) => foundationModelInfo(m, region, systemIds) ?? []),
    ...active.filter((p) => p.type === 'APPLICATION').flatMap((p) => applicationProfileInfo(p) ?? []),
  ];
  return infos.sort((a, b) => (a.vendor ?? '').localeCompare(b.vendor ?? '') || (a.name ?? a.id).localeCompare(b.name ?? b.id));
}
