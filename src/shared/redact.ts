// Secrets never cross a boundary: logs, traces, error messages, the webview and the audit log all pass
// text through redactSecrets. Patterns cover the credentials Crosswind handles (AWS keys and session
// tokens, Bedrock API keys, Azure keys and Entra tokens, OpenAI keys), plus any value registered at run
// time (a key the user just typed), which is the only way to catch a secret with no recognisable shape.

const PATTERNS: RegExp[] = [
  // AWS access key ids
  /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
  // Values of well-known secret fields: key=..., "secretAccessKey": "...", Authorization: Bearer ...
  // Quotes may be backslash-escaped: the same text inside a JSON string (a tool call's raw arguments).
  /((?:aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|SecretAccessKey|SessionToken|api[-_]?key|apiKey|client_secret|clientSecret|password|x-amz-security-token)(?:\\*["'])?\s*[:=]\s*(?:\\*["'])?)[^\s"'\\,;}]{8,}/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/g,
  /(AWS4-HMAC-SHA256 Credential=)[^\s,]+/g,
  /(Signature=)[0-9a-f]{16,}/g,
  // OpenAI keys
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\b/g,
  // Bedrock API keys (base64 of "BedrockAPIKey-...")
  /\bABSK[A-Za-z0-9+/=]{20,}\b/g,
  // JWTs (Entra access tokens)
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g,
];

/** What a redacted value is replaced by. Text holding it came back from disk and is not the original. */
export const REDACTED = '[REDACTED]';

const registered = new Set<string>();

/** Remember a secret value so it is redacted wherever it appears later (min. 8 characters). */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 8) registered.add(value);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of registered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const p of PATTERNS) {
    out = out.replace(p, (match: string, prefix?: unknown) => (typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED));
  }
  return out;
}

/** Deep-redacts string values of a JSON-like value (for structured logs and audit records). */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactValue(v);
    return out as T;
  }
  return value;
}
