// Tool-call arguments arrive as a JSON string the model wrote, from every provider (Bedrock, OpenAI wire);
// it can be invalid or not an object.

/** The parsed arguments object, or null when the text is not a JSON object (the raw text is kept apart). */
export function parseToolArguments(raw: string): Record<string, unknown> | null {
  const text = raw.trim() === '' ? '{}' : raw;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
