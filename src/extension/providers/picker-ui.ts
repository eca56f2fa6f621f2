// What the provider picker asks the user, as data: each step is a pick or an input with a stable id,
// answered by VS Code's quick input in production (quick-input-ui.ts) and by a script in the
// integration tests. The flow itself never touches vscode.window, so every step is testable.

export interface PickOption {
  /** Stable id the flow (and a test script) recognises, e.g. "bedrock", "aws:dev", "apiKey". */
  id: string;
  label: string;
  description?: string;
  detail?: string;
  /** Buttons on the row (test connection, delete…): a click answers the pick with `button` set. */
  buttons?: { id: string; icon: string; tooltip: string }[];
  /** A separator row with this label goes before the option. */
  separatorBefore?: string;
}

export interface PickStep {
  id: string;
  title: string;
  placeholder: string;
  /** The options, or a promise of them (shown busy while loading, e.g. the model list). */
  options: PickOption[] | Promise<PickOption[]>;
  /** The option highlighted first. */
  activeId?: string;
  step?: number;
  totalSteps?: number;
  canGoBack: boolean;
}

export interface InputValidation {
  message: string;
  /** A warning lets the value through; an error does not. */
  severity: 'error' | 'warning';
}

export interface InputStep {
  id: string;
  title: string;
  prompt: string;
  placeholder?: string;
  value?: string;
  /** Typed characters are hidden (API keys). */
  password?: boolean;
  validate?(value: string): InputValidation | undefined;
  step?: number;
  totalSteps?: number;
  canGoBack: boolean;
}

export type PickAnswer = { kind: 'picked'; id: string; button?: string } | { kind: 'back' } | undefined;
export type InputAnswer = { kind: 'value'; value: string } | { kind: 'back' } | undefined;

export type NoticeKind = 'info' | 'warning' | 'error';

export interface NoticeOptions {
  /** A long text shown whole, in a dialog the user closes (an error's full message). */
  detail?: string;
}

export interface PickerUi {
  /** undefined: the user dismissed the picker. */
  pick(step: PickStep): Promise<PickAnswer>;
  input(step: InputStep): Promise<InputAnswer>;
  /** A notification with action buttons; resolves to the chosen action, if any. With a detail: a dialog. */
  notify(kind: NoticeKind, message: string, actions?: string[], options?: NoticeOptions): Promise<string | undefined>;
  /** Long work, shown as a progress notification. */
  progress<T>(title: string, work: () => Promise<T>): Promise<T>;
}

/** Whether a command argument is a PickerUi (a test's script); anything else means "use VS Code's". */
export function isPickerUi(value: unknown): value is PickerUi {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.pick === 'function' && typeof v.input === 'function' && typeof v.notify === 'function' && typeof v.progress === 'function';
}
