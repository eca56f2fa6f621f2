// The live plan above the input: the checklist update_plan keeps current while the turn works, with
// its progress in the summary. Shown for the latest turn only; older plans stay inline in the log.
import { currentTurn, type ViewState } from '../state/view-state';
import { codicon, h } from '../ui/dom';
import { KeyedList } from '../ui/keyed-list';
import type { ViewContext } from './context';
import { planProgress, renderChecklist } from './items/plan-checklist';

export class LivePlanPanel {
  readonly element: HTMLElement;
  private readonly list: KeyedList;

  constructor(private readonly ctx: ViewContext) {
    this.element = h('section', { class: 'live-plan', attrs: { 'aria-label': 'Current plan' } });
    this.list = new KeyedList(this.element);
  }

  update(state: ViewState): void {
    const plan = state.plan;
    const turn = currentTurn(state);
    // Pinned while its turn runs; once the turn is over the plan card in the log tells the same, so the
    // panel stays only when the turn left no plan item (the engine may send only turn/plan/updated).
    const inLog = state.thread?.items.some((i) => i.type === 'plan' && i.turnId === plan?.turnId) ?? false;
    const show = plan !== null && plan.steps.length > 0 && plan.turnId === turn?.id && (turn.status === 'inProgress' || !inLog);
    this.element.hidden = !show;
    this.list.update(
      show
        ? [
            {
              key: 'plan',
              deps: [plan],
              render: () =>
                this.ctx.memory.disclosure(
                  'live-plan',
                  true,
                  [codicon('checklist'), h('span', { text: ' Plan' }), h('span', { class: 'muted plan-progress', text: ` · ${planProgress(plan.steps)}` })],
                  () => renderChecklist(plan.steps, plan.explanation),
                  'live-plan-details',
                ),
            },
          ]
        : [],
    );
  }
}
