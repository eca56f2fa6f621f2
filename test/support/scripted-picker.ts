// A PickerUi answered from a script, for driving "Select Provider…" inside the real extension host (and its
// steps in unit tests): each step id maps to an answer (an option id, a typed value, a chooser over the
// options shown, 'back'), and everything the picker showed — steps, options, validation verdicts,
// notifications — is recorded.
import type { InputAnswer, InputStep, InputValidation, NoticeKind, NoticeOptions, PickAnswer, PickerUi, PickOption, PickStep } from '../../src/extension/providers/picker-ui';

export type ScriptedAnswer = string | { id: string; button?: string } | ((options: PickOption[]) => string | undefined) | 'back';

export interface ShownStep {
  id: string;
  kind: 'pick' | 'input';
  title: string;
  options?: PickOption[];
  /** What the step's own validation said about the scripted value. */
  validation?: InputValidation;
}

export interface Notice {
  kind: NoticeKind;
  message: string;
  actions: string[];
  /** The long text of a dialog (an error shown whole). */
  detail?: string;
}

export class ScriptedPicker implements PickerUi {
  readonly shown: ShownStep[] = [];
  readonly notices: Notice[] = [];
  readonly progressTitles: string[] = [];
  /** Steps the script had no answer for (the picker was "dismissed" there). */
  readonly unanswered: string[] = [];

  constructor(
    private readonly answers: Record<string, ScriptedAnswer | ScriptedAnswer[]>,
    /** Which notification button to "click"; none by default. */
    private readonly onNotice: (notice: Notice) => string | undefined = () => undefined,
  ) {}

  step(id: string): ShownStep | undefined {
    return this.shown.find((s) => s.id === id);
  }

  async pick(step: PickStep): Promise<PickAnswer> {
    const options = await step.options;
    this.shown.push({ id: step.id, kind: 'pick', title: step.title, options });
    const answer = this.take(step.id);
    if (answer === undefined) return undefined;
    if (answer === 'back') return { kind: 'back' };
    const chosen = typeof answer === 'function' ? answer(options) : typeof answer === 'string' ? { id: answer } : answer;
    const picked = typeof chosen === 'string' ? { id: chosen } : chosen;
    if (!picked || !options.some((o) => o.id === picked.id)) {
      throw new Error(`step ${step.id}: no option ${picked?.id ?? '(none chosen)'} among ${options.map((o) => o.id).join(', ')}`);
    }
    return { kind: 'picked', id: picked.id, ...(picked.button ? { button: picked.button } : {}) };
  }

  async input(step: InputStep): Promise<InputAnswer> {
    const answer = this.take(step.id);
    const shown: ShownStep = { id: step.id, kind: 'input', title: step.title };
    this.shown.push(shown);
    if (answer === undefined) return undefined;
    if (answer === 'back') return { kind: 'back' };
    if (typeof answer !== 'string') throw new Error(`step ${step.id} is an input: script a string`);
    const validation = step.validate?.(answer);
    if (validation) shown.validation = validation;
    if (validation?.severity === 'error') throw new Error(`step ${step.id} rejected ${JSON.stringify(answer)}: ${validation.message}`);
    return { kind: 'value', value: answer };
  }

  async notify(kind: NoticeKind, message: string, actions: string[] = [], options: NoticeOptions = {}): Promise<string | undefined> {
    const notice: Notice = { kind, message, actions, ...(options.detail !== undefined ? { detail: options.detail } : {}) };
    this.notices.push(notice);
    return this.onNotice(notice);
  }

  progress<T>(title: string, work: () => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    return work();
  }

  private take(id: string): ScriptedAnswer | undefined {
    const entry = this.answers[id];
    if (entry === undefined) {
      this.unanswered.push(id);
      return undefined;
    }
    if (!Array.isArray(entry)) return entry;
    const next = entry.shift();
    if (next === undefined) this.unanswered.push(id);
    return next;
  }
}

/** Answers a model step with the n-th model listed. */
export function nthModel(n: number): (options: PickOption[]) => string | undefined {
  return (options) => options.filter((o) => o.id.startsWith('model:'))[n]?.id;
}
