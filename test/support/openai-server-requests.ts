// Request side of the loopback OpenAI / Azure OpenAI server: reads Responses and Chat Completions bodies
// into the neutral ReceivedRequest, and validates them the way the real APIs do (tool-call history,
// stateless reasoning replay), answering with the real error bodies.
import { OPENAI_NO_VISION, readDataUrl, takesImages } from './image-rules';
import type { ReceivedRequest } from './scripted-model';

type Json = Record<string, unknown>;

/** A request the real API would refuse: HTTP status and the service's error body. */
export class WireRejection extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String((body.error as Json | undefined)?.message ?? 'rejected'));
  }
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null, status = 400): WireRejection {
  return new WireRejection(status, { error: { message, type: 'invalid_request_error', param, code } });
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && typeof (p as Json).text === 'string' ? (p as Json).text : '')).join('');
  return '';
}

/**
 * A user message's content as the API reads it: a string, or parts. Responses parts are input_text,
 * input_image (image_url: a URL or data URL; or file_id), input_file; Chat parts are text, image_url
 * ({url}), input_audio, file (openai-node 6.49 ResponseInputContent / ChatCompletionContentPart). An
 * image for a model without vision, or bytes that are not an image format the API lists, is refused.
 */
function userContent(content: unknown, model: string, api: 'responses' | 'chat', at: string): ReceivedRequest['messages'] {
  if (typeof content === 'string') return [{ role: 'user', text: content }];
  if (!Array.isArray(content)) throw invalidRequest(`Invalid type for '${at}': expected one of a string or array of objects.`, at, 'invalid_type');
  const textType = api === 'responses' ? 'input_text' : 'text';
  const imageType = api === 'responses' ? 'input_image' : 'image_url';
  const others = api === 'responses' ? ['input_file'] : ['input_audio', 'file'];
  // Text parts read as one message (as textOf did), at the place of the first; images after it in order.
  const text = { role: 'user' as const, text: '' };
  const out: ReceivedRequest['messages'] = [];
  (content as Json[]).forEach((part, j) => {
    const type = String(part.type);
    if (type === textType) {
      if (!out.includes(text)) out.push(text);
      text.text += String(part.text ?? '');
    }
    else if (type === imageType) {
      if (!takesImages(model)) throw invalidRequest(OPENAI_NO_VISION, `${at}.[${j}].type`);
      const url = api === 'responses' ? part.image_url : (part.image_url as Json | undefined)?.url;
      if (typeof url !== 'string') throw invalidRequest(`Missing required parameter: '${at}[${j}].image_url'.`, `${at}[${j}].image_url`, 'missing_required_parameter');
      if (!url.startsWith('data:')) return; // a URL the service fetches itself: nothing to check here
      const image = readDataUrl(url);
      if ('error' in image) throw invalidRequest(image.error, null, 'invalid_image_format');
      out.push({ role: 'user', image: { format: image.format, data: image.bytes.toString('base64') } });
    } else if (!others.includes(type)) {
      throw invalidRequest(`Invalid value: '${type}'. Supported values are: '${[textType, imageType, ...others].join("', '")}'.`, `${at}[${j}].type`, 'invalid_value');
    }
  });
  return out.length ? out : [text];
}

function parseArgs(raw: unknown): unknown {
  try {
    return JSON.parse(String(raw || '{}'));
  } catch {
    return raw;
  }
}

/** Encrypted reasoning the server hands out: bound to the model that produced it, like the real thing. */
export function sealReasoning(model: string, itemId: string): string {
  return 'enc_' + Buffer.from(JSON.stringify({ model, itemId })).toString('base64url');
}

function unsealReasoning(sealed: string): { model?: string } | undefined {
  if (!sealed.startsWith('enc_')) return undefined;
  try {
    return JSON.parse(Buffer.from(sealed.slice(4), 'base64url').toString('utf8')) as { model?: string };
  } catch {
    return undefined;
  }
}

/**
 * Input item types the Responses API takes that this server accepts without modelling them — the
 * ResponseInputItem union of openai-node 6.49 (resources/responses/responses.d.ts). Found by driving
 * the loopback Mantle with codex 0.171.0, which sends `additional_tools`: refusing it made our fake
 * stricter than the real service.
 */
const OTHER_INPUT_TYPES = new Set([
  'additional_tools', 'custom_tool_call', 'custom_tool_call_output', 'local_shell_call', 'local_shell_call_output', 'shell_call', 'shell_call_output',
  'apply_patch_call', 'apply_patch_call_output', 'web_search_call', 'file_search_call', 'computer_call', 'computer_call_output', 'image_generation_call',
  'code_interpreter_call', 'mcp_call', 'mcp_list_tools', 'mcp_approval_request', 'mcp_approval_response', 'tool_search_call', 'tool_search_output',
  'compaction', 'item_reference',
]);

export function readResponsesRequest(body: Json, path: string, headers: ReceivedRequest['headers']): ReceivedRequest {
  if (typeof body.model !== 'string' || !body.model) throw invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : ((body.input ?? []) as Json[]);
  const systemParts = typeof body.instructions === 'string' && body.instructions ? [body.instructions] : [];
  const messages: ReceivedRequest['messages'] = [];
  const calls = new Set<string>();
  const answered = new Set<string>();
  input.forEach((item, i) => {
    const type = (item.type as string | undefined) ?? 'message';
    if (type === 'message') {
      const role = item.role as string;
      if (role === 'system' || role === 'developer') systemParts.push(textOf(item.content));
      else if (role === 'user') messages.push(...userContent(item.content, body.model as string, 'responses', `input[${i}].content`));
      else messages.push({ role: 'assistant', text: textOf(item.content) });
    } else if (type === 'function_call') {
      calls.add(String(item.call_id));
      messages.push({ role: 'assistant', toolCall: { id: String(item.call_id), name: String(item.name), input: parseArgs(item.arguments) } });
    } else if (type === 'function_call_output') {
      const id = String(item.call_id);
      if (!calls.has(id)) throw invalidRequest(`No tool call found for function call output with call_id ${id}.`, 'input');
      answered.add(id);
      const output = textOf(item.output);
      messages.push({ role: 'tool', toolResult: { id, output, isError: /^error\b/i.test(output) } });
    } else if (type === 'reasoning') {
      const sealed = typeof item.encrypted_content === 'string' ? item.encrypted_content : '';
      if (!sealed && body.store === false) {
        throw invalidRequest(`Item with id '${String(item.id)}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`, 'input', null, 404);
      }
      if (sealed && unsealReasoning(sealed)?.model !== body.model) {
        throw invalidRequest(`The encrypted content for item ${String(item.id)} could not be verified.`, `input[${i}]`, 'invalid_encrypted_content');
      }
    } else if (!OTHER_INPUT_TYPES.has(type)) {
      throw invalidRequest(`Invalid value: '${type}'.`, `input[${i}].type`, 'invalid_value');
    }
  });
  const unanswered = [...calls].filter((id) => !answered.has(id));
  if (unanswered.length > 0) throw invalidRequest(`No tool output found for function call ${unanswered[0]}.`, 'input');
  const tools = (body.tools ?? []) as Json[];
  return { path, model: body.model, system: systemParts.join('\n'), messages, toolNames: tools.map((t) => String(t.name)), headers, raw: body };
}

export function readChatRequest(body: Json, path: string, headers: ReceivedRequest['headers'], model: string): ReceivedRequest {
  const list = (body.messages ?? []) as Json[];
  if (list.length === 0) throw invalidRequest("[] is too short - 'messages'", 'messages');
  const systemParts: string[] = [];
  const messages: ReceivedRequest['messages'] = [];
  // Ids the last assistant message asked for and that still need a tool message.
  let awaiting = new Set<string>();
  let awaitingFrom = -1;
  list.forEach((m, i) => {
    const role = m.role as string;
    if (role !== 'tool' && awaiting.size > 0) {
      throw invalidRequest(
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...awaiting].join(', ')}`,
        `messages.[${awaitingFrom}].role`,
      );
    }
    if (role === 'system' || role === 'developer') {
      systemParts.push(textOf(m.content));
    } else if (role === 'user') {
      messages.push(...userContent(m.content, model, 'chat', `messages.[${i}].content`));
    } else if (role === 'assistant') {
      const text = textOf(m.content);
      if (text) messages.push({ role: 'assistant', text });
      const toolCalls = (m.tool_calls ?? []) as Json[];
      awaiting = new Set(toolCalls.map((c) => String(c.id)));
      awaitingFrom = i;
      for (const c of toolCalls) {
        const fn = c.function as Json;
        messages.push({ role: 'assistant', toolCall: { id: String(c.id), name: String(fn.name), input: parseArgs(fn.arguments) } });
      }
    } else if (role === 'tool') {
      const id = String(m.tool_call_id);
      if (!awaiting.has(id)) {
        throw invalidRequest("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${i}].role`);
      }
      awaiting.delete(id);
      const output = textOf(m.content);
      messages.push({ role: 'tool', toolResult: { id, output, isError: /^error\b/i.test(output) } });
    } else {
      throw invalidRequest(`Invalid value: '${role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, `messages[${i}].role`, 'invalid_value');
    }
  });
  if (awaiting.size > 0) {
    throw invalidRequest(
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...awaiting].join(', ')}`,
      `messages.[${awaitingFrom}].role`,
    );
  }
  const tools = (body.tools ?? []) as Json[];
  return {
    path,
    model,
    system: systemParts.join('\n'),
    messages,
    toolNames: tools.map((t) => String((t.function as Json | undefined)?.name)),
    headers,
    raw: body,
  };
}
