// Bedrock Guardrails: the request's guardrailConfig from the profile, and a readable account of an
// intervention from the response trace. The account names policies and categories, never the matched
// text (which may itself be the sensitive data the guardrail caught).
import type { GuardrailAssessment, GuardrailStreamConfiguration, GuardrailTraceAssessment } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockProfile } from '../../protocol';

export function guardrailConfigOf(profile: BedrockProfile): GuardrailStreamConfiguration | undefined {
  const g = profile.guardrail;
  if (!g) return undefined;
  return { guardrailIdentifier: g.id, guardrailVersion: g.version, trace: g.trace ? 'enabled' : 'disabled' };
}

/** Policy findings that made the guardrail act ("content filter VIOLENCE", "denied topic Investing"…). */
function findingsOf(a: GuardrailAssessment): string[] {
  const out: string[] = [];
  const acted = (action: string | undefined) => action !== undefined && action !== 'NONE';
  for (const t of a.topicPolicy?.topics ?? []) if (acted(t.action)) out.push(`denied topic ${t.name ?? '?'}`);
  for (const f of a.contentPolicy?.filters ?? []) if (acted(f.action)) out.push(`content filter ${f.type ?? '?'}`);
  if ((a.wordPolicy?.customWords ?? []).some((w) => acted(w.action))) out.push('blocked words');
  for (const w of a.wordPolicy?.managedWordLists ?? []) if (acted(w.action)) out.push(`word list ${w.type ?? '?'}`);
  for (const p of a.sensitiveInformationPolicy?.piiEntities ?? []) if (acted(p.action)) out.push(`sensitive information ${p.type ?? '?'}`);
  for (const r of a.sensitiveInformationPolicy?.regexes ?? []) if (acted(r.action)) out.push(`sensitive information pattern ${r.name ?? '?'}`);
  for (const f of a.contextualGroundingPolicy?.filters ?? []) if (acted(f.action)) out.push(`contextual grounding ${f.type ?? '?'}`);
  return out;
}

/**
 * A message for the user when a guardrail (or the model's own content filter) stopped the response,
 * with the findings of the trace when the profile enabled tracing.
 */
export function guardrailMessage(stopReason: 'guardrail_intervened' | 'content_filtered', trace: GuardrailTraceAssessment | undefined, guardrailId?: string): string {
  if (stopReason === 'content_filtered') return 'The model\'s content filter stopped the response.';
  const findings = new Set<string>();
  for (const a of Object.values(trace?.inputAssessment ?? {})) for (const f of findingsOf(a)) findings.add(`input: ${f}`);
  for (const list of Object.values(trace?.outputAssessments ?? {})) {
    for (const a of list) for (const f of findingsOf(a)) findings.add(`output: ${f}`);
  }
  const which = guardrailId ? `The Bedrock guardrail ${guardrailId}` : 'A Bedrock guardrail';
  const details = findings.size > 0 ? ` (${[...findings].join('; ')})` : '';
  return `${which} intervened and blocked the response${details}.`;
}
