// What the loopback Bedrock server checks in a Converse/ConverseStream body before "invoking the model",
// with the real service's ValidationException messages, and the neutral view of the request that tests
// assert on (ReceivedRequest). Tests elsewhere rely on these checks to prove a translated history valid.
import { CONVERSE_IMAGE_FORMATS, CONVERSE_MAX_IMAGE_BYTES, sniffImage } from './image-rules';
import type { ReceivedRequest } from './scripted-model';

type Block = Record<string, unknown> & {
  text?: string;
  image?: { format?: string; source?: { bytes?: string } };
  toolUse?: { toolUseId?: string; name?: string; input?: unknown };
  toolResult?: { toolUseId?: string; content?: Array<{ text?: string; json?: unknown }>; status?: string };
};
interface Message {
  role?: string;
  content?: Block[];
}
export interface ConverseBody {
  messages?: Message[];
  system?: Array<{ text?: string; cachePoint?: unknown }>;
  toolConfig?: { tools?: Array<{ toolSpec?: { name?: string; inputSchema?: { json?: unknown } }; cachePoint?: unknown }> };
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The ValidationException message Bedrock would answer with, or undefined when the body is valid. */
export function validateConverse(body: ConverseBody): string | undefined {
  const messages = body.messages ?? [];
  if (messages.length === 0 || messages[0]!.role !== 'user') {
    return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
  }
  for (const [i, s] of (body.system ?? []).entries()) {
    if (s.text !== undefined && s.text.trim() === '') return `The text field in the SystemContentBlock object at system.${i} is blank. Add text to the text field, and try again.`;
  }
  for (const [i, t] of (body.toolConfig?.tools ?? []).entries()) {
    if (t.cachePoint) continue;
    if (!t.toolSpec?.name || !TOOL_NAME.test(t.toolSpec.name)) return `Value at 'toolConfig.tools.${i + 1}.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`;
    if (typeof t.toolSpec.inputSchema?.json !== 'object') return `The json field at toolConfig.tools.${i}.toolSpec.inputSchema is not a JSON object.`;
  }
  let usesTools = false;
  for (const [i, m] of messages.entries()) {
    if (m.role !== 'user' && m.role !== 'assistant') return `Value at 'messages.${i + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`;
    if (i > 0 && messages[i - 1]!.role === m.role) {
      return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    }
    const content = m.content ?? [];
    if (content.length === 0) return `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`;
    for (const [j, b] of content.entries()) {
      if (b.text !== undefined && b.text.trim() === '') return `The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`;
      if (b.toolUse || b.toolResult) usesTools = true;
      if (b.image !== undefined) {
        const refused = imageBlockRefusal(b.image, m.role, `messages.${i + 1}.member.content.${j + 1}.member.image`);
        if (refused) return refused;
      }
    }
    // Stricter than anything documented: the adapter must never send reasoning without the answer it led to.
    if (m.role === 'assistant' && content.every((b) => b.reasoningContent || b.cachePoint)) {
      return `messages.${i}: an assistant message holds only reasoning content (loopback check).`;
    }
    if (m.role === 'user') {
      const previous = messages[i - 1];
      const callIds = new Set((previous?.content ?? []).flatMap((b) => (b.toolUse?.toolUseId ? [b.toolUse.toolUseId] : [])));
      const resultIds = content.flatMap((b) => (b.toolResult ? [b.toolResult.toolUseId ?? ''] : []));
      const orphan = resultIds.find((id) => !callIds.has(id));
      if (orphan !== undefined) {
        return `The model returned the following errors: messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${orphan}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
      const missing = [...callIds].filter((id) => !resultIds.includes(id));
      if (missing.length > 0) {
        return `The model returned the following errors: messages.${i - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
      }
    }
  }
  const last = messages[messages.length - 1]!;
  if (last.role === 'assistant' && (last.content ?? []).some((b) => b.toolUse)) {
    return `The model returned the following errors: messages.${messages.length - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
  }
  if (usesTools && !body.toolConfig) return 'The toolConfig field must be defined when using toolUse and toolResult content blocks.';
  return undefined;
}

/**
 * An ImageBlock as Converse checks it. The format enum message is the service's own validation wording
 * (quoted for guardContent images in strands-agents/harness-sdk#3607); the others say in our words what
 * AWS documents: an image of at most 3.75 MB (API_runtime_ContentBlock), in a user message, whose bytes
 * decode as the declared format.
 */
function imageBlockRefusal(image: NonNullable<Block['image']>, role: string | undefined, at: string): string | undefined {
  if (!(CONVERSE_IMAGE_FORMATS as readonly string[]).includes(String(image.format))) {
    return `1 validation error detected: Value at '${at}.format' failed to satisfy constraint: Member must satisfy enum value set: [${CONVERSE_IMAGE_FORMATS.join(', ')}]`;
  }
  if (role !== 'user') return `${at}: images are accepted in user messages only (loopback wording).`;
  const bytes = Buffer.from(String(image.source?.bytes ?? ''), 'base64');
  if (bytes.length === 0) return `${at}.source: the image has no bytes (loopback wording).`;
  if (bytes.length > CONVERSE_MAX_IMAGE_BYTES) return `${at}: the image is ${bytes.length} bytes; images may be at most 3.75 MB (loopback wording).`;
  if (sniffImage(bytes) !== image.format) return `${at}: the image bytes are not a ${String(image.format)} image (loopback wording).`;
  return undefined;
}

/** The neutral view of a Converse body (reasoning and cache points stay in `raw`). */
export function receivedRequest(path: string, model: string, body: ConverseBody, headers: ReceivedRequest['headers']): ReceivedRequest {
  const messages: ReceivedRequest['messages'] = [];
  for (const m of body.messages ?? []) {
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    for (const b of m.content ?? []) {
      if (typeof b.text === 'string') messages.push({ role, text: b.text });
      else if (b.image) messages.push({ role: 'user', image: { format: String(b.image.format), data: String(b.image.source?.bytes ?? '') } });
      else if (b.toolUse) messages.push({ role: 'assistant', toolCall: { id: b.toolUse.toolUseId ?? '', name: b.toolUse.name ?? '', input: b.toolUse.input } });
      else if (b.toolResult) {
        const output = (b.toolResult.content ?? []).map((c) => c.text ?? JSON.stringify(c.json)).join('');
        messages.push({ role: 'tool', toolResult: { id: b.toolResult.toolUseId ?? '', output, isError: b.toolResult.status === 'error' } });
      }
    }
  }
  return {
    path,
    model,
    system: (body.system ?? []).flatMap((s) => (s.text !== undefined ? [s.text] : [])).join('\n'),
    messages,
    toolNames: (body.toolConfig?.tools ?? []).flatMap((t) => (t.toolSpec?.name ? [t.toolSpec.name] : [])),
    headers,
    raw: body,
  };
}
