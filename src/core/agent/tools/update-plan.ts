// update_plan: the model keeps a short checklist; the sidebar shows it live.
import type { ItemOf } from '../../../protocol';
import { parseArgs } from './args';
import { ok, type Tool } from './tool';

export const updatePlanTool: Tool = {
  name: 'update_plan',
  description: 'Record the plan as steps (pending/in_progress/completed); at most one in_progress.',
  async run(raw, ctx) {
    const p = parseArgs('update_plan', raw);
    if (!p.ok) return p.result;
    const { explanation, plan } = p.args;
    const item: ItemOf<'plan'> = {
      // One plan item per turn, updated in place.
      id: `plan_${ctx.turnId}`,
      turnId: ctx.turnId,
      createdAt: ctx.clock.now(),
      type: 'plan',
      steps: plan,
      ...(explanation ? { explanation } : {}),
    };
    await ctx.items.completed(item);
    ctx.items.planUpdated({ steps: plan, ...(explanation ? { explanation } : {}) });
    return ok('Plan updated');
  },
};
