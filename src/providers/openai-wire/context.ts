// What the shared OpenAI-wire code needs to know about the caller (Azure or OpenAI) to build requests,
// name things in error messages and suggest fixes.
import type { ErrorKind, ProviderKind } from '../../protocol';

export type WireApi = 'responses' | 'chat';

export interface ErrorHint {
  fix: string;
  fixCommand?: string;
}

export interface WireContext {
  /** Bedrock too: its OpenAI models speak the Responses API (bedrock-mantle, bedrock-runtime /openai/v1). */
  provider: ProviderKind;
  /** The service as users know it: "Azure OpenAI", "OpenAI", "Amazon Bedrock (Mantle)". */
  service: string;
  /** Sent as `model`: the model id, or the Azure deployment name. */
  model: string;
  /** How messages name what was called, e.g. "deployment 'gpt5' on contoso.openai.azure.com". */
  target: string;
  /** The host requests go to, for network errors. */
  host: string;
  /**
   * Provider-specific next steps, by error kind; `notFound` for a 404 (unknown model or deployment),
   * `responsesOnly` for a deployment that rejects Chat Completions.
   */
  hints?: Partial<Record<ErrorKind | 'notFound' | 'responsesOnly', ErrorHint>>;
  /** Clock for HTTP-date retry-after values. */
  now?: () => number;
}
