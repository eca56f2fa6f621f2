// Before `crosswind exec` starts a turn: are there credentials to run it with? A turn started without them
// fails on its first request, after the thread, the ledger and the audit log were written, and used to
// report the same error three times. Checked here instead, once, before anything is written:
// - what the environment must hold (OPENAI_API_KEY: the CLI has no other place to find an OpenAI key);
// - for the chains (AWS credential chain, Entra ID), whether they resolve, through the same client and the
//   same identity lookup the turn's audit records use — memoized, so the check costs no extra request.
import type { ModelClient, ModelClientFactory } from '../../core/model/types';
import { isModelError, type ModelError } from '../../core/model/errors';
import type { ProviderProfile } from '../../protocol';
import { InputError } from '../command';

/** Missing credentials the environment alone shows: a message naming the variable and the alternatives. */
export function checkCredentialEnvironment(profile: ProviderProfile, env: NodeJS.ProcessEnv): void {
  if (profile.provider === 'openai' && !env.OPENAI_API_KEY?.trim()) {
    throw new InputError(
      'OPENAI_API_KEY is not set. Export your OpenAI API key as OPENAI_API_KEY (the CLI reads keys only from the environment), or choose another cloud with --provider bedrock or --provider azure.',
    );
  }
}

/** What else the CLI can use when a chain finds no credentials, beyond the provider's own fix. */
export function credentialAlternative(profile: ProviderProfile): string | undefined {
  if (profile.provider === 'azure' && profile.auth.type === 'entra') return "or: set AZURE_OPENAI_API_KEY to the resource's key (Azure AI Foundry → the resource → Keys and Endpoint).";
  if (profile.provider === 'bedrock' && profile.auth.type === 'chain') return 'or: pass --profile NAME for a profile of ~/.aws/config.';
  return undefined;
}

/** A client whose identity is looked up once: the preflight's lookup is the one the audit log reuses. */
function withOneIdentityLookup(client: ModelClient): ModelClient {
  let identity: ReturnType<ModelClient['whoami']> | undefined;
  return {
    profile: client.profile,
    servedBy: client.servedBy,
    stream: (request) => client.stream(request),
    listModels: (signal) => client.listModels(signal),
    whoami: (signal) => (identity ??= client.whoami(signal)),
  };
}

/** Kinds that mean the turn cannot run with these credentials. A network error reaching STS does not: Bedrock may still be reachable. */
const BLOCKING = new Set(['configuration', 'authInvalid', 'authExpired']);

export interface Preflight {
  /** The factory the engine is given: the checked client for the exec profile, fresh ones for others. */
  models: ModelClientFactory;
  /** The credentials error that stops the run before its turn, if any. */
  error?: ModelError;
}

export async function preflight(profile: ProviderProfile, factory: ModelClientFactory): Promise<Preflight> {
  const client = withOneIdentityLookup(factory.create(profile));
  const models: ModelClientFactory = { create: (p) => (p.name === profile.name ? client : factory.create(p)) };
  try {
    await client.whoami();
    return { models };
  } catch (e) {
    if (isModelError(e) && BLOCKING.has(e.kind)) return { models, error: e };
    return { models };
  }
}
