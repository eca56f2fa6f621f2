// The plan from update_plan as a checklist: used inline (a plan item) and by the live plan panel.
import type { PlanStep } from '../../../src/protocol/items';
import { codicon, h, srOnly } from '../../ui/dom';

const STEP = {
  completed: { icon: 'pass-filled', text: 'done' },
  in_progress: { icon: 'arrow-small-right', text: 'in progress' },
  pending: { icon: 'circle-large-outline', text: 'to do' },
} as const;

export function planProgress(steps: PlanStep[]): string {
  return `${steps.filter((s) => s.status === 'completed').length} of ${steps.length} done`;
}

export function renderChecklist(steps: PlanStep[], explanation?: string): HTMLElement {
  return h(
    'div',
    { class: 'plan' },
    explanation ? h('p', { class: 'plan-explanation', text: explanation }) : null,
    h(
      'ol',
      { class: 'plan-steps' },
      ...steps.map((s) =>
        h(
          'li',
          { class: `plan-step step-${s.status.replace('_', '-')}` },
          codicon(STEP[s.status].icon),
          h('span', { class: 'plan-step-text', text: s.step }),
          srOnly(` (${STEP[s.status].text})`),
        ),
      ),
    ),
  );
}
