// Whether to send reasoning parameters. Non-reasoning models reject them (400 "Unsupported parameter:
// 'reasoning.effort'"), and an Azure deployment name says nothing reliable about its model, so reasoning
// is requested when the profile asks for an effort or a model/deployment name is a known reasoning family.

const REASONING_FAMILIES = /^(?:o\d|gpt-5|codex|gpt-oss)/i;

export function looksLikeReasoningModel(...names: Array<string | undefined>): boolean {
  return names.some((n) => n !== undefined && REASONING_FAMILIES.test(n.replace(/^.*\//, '')));
}
