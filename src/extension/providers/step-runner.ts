// Runs the picker's steps one after another with a working Back button: each step returns the step to
// show next, 'done', 'back' or 'cancel'; going back re-runs the previous step with its answers kept.

export interface StepNav {
  canGoBack: boolean;
  /** 1-based position, for the quick input's "2/6". */
  step: number;
}

export type StepResult = Step | 'done' | 'back' | 'cancel';
export type Step = (nav: StepNav) => Promise<StepResult>;

/** True when the steps ran to 'done', false when the user cancelled. */
export async function runSteps(first: Step): Promise<boolean> {
  const history: Step[] = [];
  let current = first;
  for (;;) {
    const result = await current({ canGoBack: history.length > 0, step: history.length + 1 });
    if (result === 'done') return true;
    if (result === 'cancel') return false;
    if (result === 'back') {
      const previous = history.pop();
      if (!previous) return false;
      current = previous;
      continue;
    }
    history.push(current);
    current = result;
  }
}
