// ModelRequest → Chat Completions request body (POST /chat/completions, streamed).
//
// Chat Completions has no way to carry reasoning between turns, so reasoning items are dropped. An
// assistant turn that wrote text and called tools is one assistant message with `tool_calls`, followed by
// one `tool` message per call, which is the order the API validates.
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ModelRequest } from '../../core/model/types';

export interface ChatRequestOptions {
  /** Sent as `model` (ignored by Azure's deployment URLs, which name the deployment in the path). */
  model: string;
  /** Send `reasoning_effort` when the request has one (non-reasoning models reject it). */
  reasoning: boolean;
  /** Send `prompt_cache_key` (OpenAI documents it; Azure documents only automatic prefix caching). */
  promptCacheKey: boolean;
}

function toMessages(request: ModelRequest): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  if (request.system) messages.push({ role: 'system', content: request.system });
  // The assistant message that tool calls attach to, until a user or tool message closes it.
  let open: ChatCompletionAssistantMessageParam | undefined;
  const assistant = (): ChatCompletionAssistantMessageParam => {
    if (!open) {
      open = { role: 'assistant', content: null };
      messages.push(open);
    }
    return open;
  };
  for (const item of request.items) {
    switch (item.type) {
      case 'user':
        open = undefined;
        messages.push(
          item.images?.length
            ? {
                role: 'user',
                content: [{ type: 'text', text: item.text }, ...item.images.map((i) => ({ type: 'image_url' as const, image_url: { url: `data:${i.mediaType};base64,${i.data}` } }))],
              }
            : { role: 'user', content: item.text },
        );
        break;
      case 'assistant': {
        if (item.text === '') break;
        // Text after tool calls starts a new assistant message; text before them shares one.
        if (open?.tool_calls?.length) open = undefined;
        const msg = assistant();
        msg.content = typeof msg.content === 'string' ? msg.content + item.text : item.text;
        break;
      }
      case 'toolCall': {
        const msg = assistant();
        msg.tool_calls = [
          ...(msg.tool_calls ?? []),
          { id: item.callId, type: 'function', function: { name: item.name, arguments: item.rawArguments || JSON.stringify(item.input ?? {}) } },
        ];
        break;
      }
      case 'toolResult':
        open = undefined;
        messages.push({ role: 'tool', tool_call_id: item.callId, content: item.output });
        break;
      case 'reasoning':
        break;
    }
  }
  return messages;
}

export function toChatRequest(request: ModelRequest, opts: ChatRequestOptions): ChatCompletionCreateParamsStreaming {
  const tools: ChatCompletionTool[] = request.tools.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
  return {
    model: opts.model,
    stream: true,
    stream_options: { include_usage: true },
    messages: toMessages(request),
    ...(tools.length > 0 ? { tools } : {}),
    ...(request.maxOutputTokens ? { max_completion_tokens: request.maxOutputTokens } : {}),
    ...(opts.reasoning && request.reasoningEffort ? { reasoning_effort: request.reasoningEffort } : {}),
    ...(opts.promptCacheKey && request.conversationId ? { prompt_cache_key: request.conversationId } : {}),
  };
}
