// The reasoning effort an OpenAI-wire request may carry for its model (src/core/model/capabilities.ts):
// as asked when the model takes it, the nearest value it takes otherwise, and a typed configuration
// error — before any request is sent — when it takes nothing close (e.g. 'none' on a model that always
// reasons). Never a mid-turn 400 for an effort the table knows the model refuses.
import { resolveEffort } from '../../core/model/capabilities';
import { ModelError } from '../../core/model/errors';
import type { ModelRequest } from '../../core/model/types';
import type { Logger } from '../../core/ports/system';
import type { ProviderKind } from '../../protocol';

export function withAcceptedEffort(request: ModelRequest, model: string, provider: ProviderKind, logger: Logger): ModelRequest {
  const asked = request.reasoningEffort;
  if (!asked) return request;
  const resolved = resolveEffort(model, provider, asked);
  if (!resolved.ok) {
    throw new ModelError('configuration', resolved.message, { provider, fix: "Change the profile's reasoningEffort (or crosswind exec --effort)." });
  }
  if (resolved.ignored) {
    const without = { ...request };
    delete without.reasoningEffort;
    return without;
  }
  if (resolved.mapped) logger.log('debug', `reasoning effort '${asked}' sent as '${resolved.effort}', the nearest ${model} accepts`);
  return { ...request, reasoningEffort: resolved.effort };
}
