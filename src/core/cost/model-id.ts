// Model ids as the clouds spell them, reduced to what a price or a family is keyed on. Bedrock ids carry
// an inference-profile prefix ("us.", "global."), sometimes inside an ARN, and a version suffix
// ("-20250929-v1:0"); OpenAI ids carry a snapshot date ("gpt-5.5-2026-04-23"). A suffix is only ever one
// of those version shapes: "gpt-5" must never match "gpt-5.5" or "gpt-5-mini", which cost other prices.

/** Geographic prefixes of Bedrock system inference profiles ("us-gov" before "us" so it wins). */
const GEO_PREFIX = /^(us-gov|us|eu|apac|jp|au|ca|global)\./;

/** `arn:aws:bedrock:<region>:<account>:(foundation-model|inference-profile)/<id>` */
const BEDROCK_ARN = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/(.+)$/;

/**
 * One version token: a date (-20250929, -2026-04-23), a Bedrock version (-v1, -v1:0, -1:0, :0). A key
 * matches an id when the id is the key followed by zero or more of these and nothing else.
 */
const VERSION_SUFFIX = /^(?:-\d{8}|-\d{4}-\d{2}-\d{2}|-v\d+(?::\d+)?|-\d+:\d+|:\d+)*$/;

/** The id inside a Bedrock ARN ("arn:…:inference-profile/us.anthropic.x" → "us.anthropic.x"); others unchanged. */
export function bedrockResourceId(id: string): string {
  return BEDROCK_ARN.exec(id)?.[1] ?? id;
}

/** The geographic prefix an id carries ("us", "global"…), if any. */
export function geoPrefixOf(id: string): string | undefined {
  return GEO_PREFIX.exec(id)?.[1];
}

/** "us.anthropic.claude-x" → "anthropic.claude-x"; ids without a prefix come back unchanged. */
export function stripGeoPrefix(id: string): string {
  return id.replace(GEO_PREFIX, '');
}

/** True when `id` is `key` plus nothing but version tokens (case-insensitive). */
export function matchesWithVersionSuffix(id: string, key: string): boolean {
  const lowerId = id.toLowerCase();
  const lowerKey = key.toLowerCase();
  return lowerId.startsWith(lowerKey) && VERSION_SUFFIX.test(lowerId.slice(lowerKey.length));
}

/** The id without its trailing version tokens ("anthropic.claude-sonnet-4-5-20250929-v1:0" → "anthropic.claude-sonnet-4-5"). */
export function stripVersionSuffix(id: string): string {
  // Peel one token at a time from the end; bounded by the id's length.
  let rest = id;
  for (let i = 0; i < id.length; i++) {
    const next = rest.replace(/(?:-\d{8}|-\d{4}-\d{2}-\d{2}|-v\d+(?::\d+)?|-\d+:\d+|:\d+)$/, '');
    if (next === rest) break;
    rest = next;
  }
  return rest;
}
