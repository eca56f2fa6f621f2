// ModelRequest → Responses API request body (POST /responses, streamed).
//
// Stateless by design: store:false, the whole conversation is sent every time, and reasoning is carried
// between turns as encrypted reasoning items (include: ['reasoning.encrypted_content']). Those items are
// only replayed to the same provider and model that produced them; other models could not decrypt them.
import type { ResponseCreateParamsStreaming, ResponseInputItem, FunctionTool } from 'openai/resources/responses/responses';
import type { ConversationItem, ModelRequest } from '../../core/model/types';
import type { ProviderKind } from '../../protocol';

export interface ResponsesRequestOptions {
  provider: ProviderKind;
  /** Sent as `model`: the model id, or the Azure deployment name. Reasoning items are tagged with it. */
  model: string;
  /** Send reasoning parameters (see reasoning-models.ts). */
  reasoning: boolean;
  /** Send prompt_cache_key (OpenAI documents it; Azure documents only automatic prefix caching). */
  promptCacheKey: boolean;
}

function inputItem(item: ConversationItem, opts: ResponsesRequestOptions): ResponseInputItem | undefined {
  switch (item.type) {
    case 'user':
      if (!item.images?.length) return { role: 'user', content: item.text };
      // Responses input_image takes the image inline as a data URL (detail auto: the service decides).
      return {
        role: 'user',
        content: [
          { type: 'input_text', text: item.text },
          ...item.images.map((i) => ({ type: 'input_image' as const, image_url: `data:${i.mediaType};base64,${i.data}`, detail: 'auto' as const })),
        ],
      };
    case 'assistant':
      return item.text === '' ? undefined : { role: 'assistant', content: item.text };
    case 'reasoning': {
      const sameOrigin = item.origin.provider === opts.provider && item.origin.model === opts.model;
      // Without encrypted content a stateless request cannot refer to the item (404 "Items are not persisted").
      if (!sameOrigin || !opts.reasoning || !item.encryptedContent || !item.responseItemId) return undefined;
      return {
        type: 'reasoning',
        id: item.responseItemId,
        summary: item.text ? [{ type: 'summary_text', text: item.text }] : [],
        encrypted_content: item.encryptedContent,
      };
    }
    case 'toolCall':
      return {
        type: 'function_call',
        call_id: item.callId,
        name: item.name,
        arguments: item.rawArguments || JSON.stringify(item.input ?? {}),
      };
    case 'toolResult':
      return { type: 'function_call_output', call_id: item.callId, output: item.output };
  }
}

export function toResponsesRequest(request: ModelRequest, opts: ResponsesRequestOptions): ResponseCreateParamsStreaming {
  const input = request.items.map((i) => inputItem(i, opts)).filter((i): i is ResponseInputItem => i !== undefined);
  const tools: FunctionTool[] = request.tools.map((t) => ({
    type: 'function',
    name: t.name,
    description: t.description,
    parameters: t.parameters,
    // Our schemas have optional properties, which strict mode does not allow.
    strict: false,
  }));
  return {
    model: opts.model,
    stream: true,
    store: false,
    input,
    ...(request.system ? { instructions: request.system } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(request.maxOutputTokens ? { max_output_tokens: request.maxOutputTokens } : {}),
    ...(opts.promptCacheKey && request.conversationId ? { prompt_cache_key: request.conversationId } : {}),
    ...(opts.reasoning
      ? {
          reasoning: { ...(request.reasoningEffort ? { effort: request.reasoningEffort } : {}), summary: 'auto' as const },
          include: ['reasoning.encrypted_content' as const],
        }
      : {}),
  };
}
