// An MCP tool result as the text the model is given: text blocks as they are; images, audio and
// resources named (the model gets no binary through this path); structured content as JSON when the
// server sent nothing else.

interface ContentBlock {
  type: string;
  text?: string;
  mimeType?: string;
  uri?: string;
  name?: string;
  resource?: { uri?: string; text?: string; mimeType?: string };
}

export function resultText(result: { content?: unknown; structuredContent?: unknown; toolResult?: unknown }): string {
  const blocks = Array.isArray(result.content) ? (result.content as ContentBlock[]) : [];
  const parts = blocks.map((b) => {
    switch (b.type) {
      case 'text':
        return b.text ?? '';
      case 'image':
      case 'audio':
        return `[${b.type} ${b.mimeType ?? ''} left out: only text reaches the model]`;
      case 'resource':
        return b.resource?.text !== undefined ? `[resource ${b.resource.uri ?? ''}]\n${b.resource.text}` : `[resource ${b.resource?.uri ?? ''} (${b.resource?.mimeType ?? 'binary'}) left out]`;
      case 'resource_link':
        return `[resource link ${b.name ?? ''} ${b.uri ?? ''}]`;
      default:
        return `[${b.type} content left out]`;
    }
  });
  if (parts.length === 0 && result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent));
  // Old servers answer with `toolResult` instead of content.
  if (parts.length === 0 && result.toolResult !== undefined) parts.push(typeof result.toolResult === 'string' ? result.toolResult : JSON.stringify(result.toolResult));
  return parts.join('\n') || '(no output)';
}
