// How people are shown a model and a cloud: one short form used everywhere a model is named in passing
// (the sidebar's header, a message's attribution after a failover, the status bar), so the same model
// never appears under two names. Full ids stay in tooltips. Pure: no imports.
import type { ProviderKind } from '../protocol/common';

const REGION_PREFIX = /^(us|eu|apac|global|us-gov|jp|au|ca)\./;
const VENDOR_PREFIX = /^(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer)\./i;

/**
 * "us.anthropic.claude-sonnet-4-5-20250929-v1:0" → "claude-sonnet-4-5"; "gpt-5.5" stays. Drops what a
 * person does not need to tell models apart: an ARN's path, the geographic inference-profile and vendor
 * prefixes, a release date and Bedrock's version suffix.
 */
export function shortModelName(model: string): string {
  let m = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  m = m.replace(REGION_PREFIX, '').replace(VENDOR_PREFIX, '');
  const short = m.replace(/-v\d+(:\d+)?$/, '').replace(/:\d+$/, '').replace(/-20\d{6}$/, '');
  return short || m;
}

const CLOUD_SHORT_NAMES: Record<ProviderKind, string> = { bedrock: 'Bedrock', azure: 'Azure', openai: 'OpenAI' };

/** "Bedrock", "Azure", "OpenAI": the cloud in as few letters as says it. */
export function cloudShortName(kind: ProviderKind): string {
  return CLOUD_SHORT_NAMES[kind];
}

/** "Bedrock · claude-sonnet-4-5": a model as the header, the status bar and an attribution show it. */
export function modelLabel(provider: ProviderKind, model: string): string {
  return `${cloudShortName(provider)} · ${shortModelName(model)}`;
}
