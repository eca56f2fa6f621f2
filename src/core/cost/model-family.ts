// The family of a model across clouds: the same weights under each cloud's spelling, so the cost report
// can say what the same usage would have cost elsewhere. `gpt-5.5` on OpenAI, `openai.gpt-5.5` on
// Bedrock and an Azure deployment whose profile says `gpt-5.5` are one family; so are
// `us.anthropic.claude-sonnet-4-5-20250929-v1:0` (Bedrock) and `claude-sonnet-4-5-20250929`
// (Anthropic's own spelling, e.g. on Azure AI Foundry): family `claude-sonnet-4.5`.
//
// Rule: take the model the request ran (an Azure deployment's profile model), drop a Bedrock ARN,
// inference-profile prefix and vendor prefix ("anthropic.", "openai."), drop version tokens (dates,
// "-v1:0"), lower-case, then write Claude and Llama versions with a dot ("4-5" → "4.5").
import type { ProviderKind } from '../../protocol';
import { bedrockResourceId, stripGeoPrefix, stripVersionSuffix } from './model-id';
import type { AzureDeployments } from './price-table';

const VENDOR_PREFIX = /^[a-z]+\./;
const CLAUDE_NEW = /^claude-(opus|sonnet|haiku|fable)-(\d+)(?:-(\d+))?$/;
const CLAUDE_OLD = /^claude-(\d+)(?:-(\d+))?-(opus|sonnet|haiku)$/;
const LLAMA = /^llama(\d+)(?:-(\d+)(?=-))?-/;

/** The family a model belongs to, or undefined when the id is opaque (an application inference profile ARN). */
export function modelFamily(provider: ProviderKind, model: string, azure: AzureDeployments = {}): string | undefined {
  let id = model.trim();
  if (provider === 'azure') id = azure[id] ?? id;
  id = stripGeoPrefix(bedrockResourceId(id)).toLowerCase();
  if (id.startsWith('arn:')) return undefined;
  id = stripVersionSuffix(id.replace(VENDOR_PREFIX, ''));
  const claude = CLAUDE_NEW.exec(id);
  if (claude) return `claude-${claude[1]}-${claude[2]}${claude[3] ? `.${claude[3]}` : ''}`;
  const old = CLAUDE_OLD.exec(id);
  if (old) return `claude-${old[1]}${old[2] ? `.${old[2]}` : ''}-${old[3]}`;
  const llama = LLAMA.exec(id);
  if (llama) return `llama-${llama[1]}${llama[2] ? `.${llama[2]}` : ''}-${id.slice(llama[0].length)}`;
  return id || undefined;
}
