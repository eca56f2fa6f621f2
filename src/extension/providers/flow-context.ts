// What every step of "add a provider" shares: the UI, the draft being filled in, the engine (for the
// model list) and where each step leads. Steps are small functions in steps/; the flow wires them.
import type { EngineRequestMethod, EngineRequestParams, EngineRequestResult } from '../../protocol';
import type { PickerUi } from './picker-ui';
import type { ProfileDraft } from './profile-draft';
import type { StepResult } from './step-runner';

/** The engine as the picker uses it: typed requests. */
export interface EngineRequester {
  request<M extends EngineRequestMethod>(method: M, params: EngineRequestParams<M>): Promise<EngineRequestResult<M>>;
}

export type StepId = 'cloud' | 'auth' | 'apiKey' | 'location' | 'model' | 'name' | 'scope';

export interface FlowContext {
  readonly ui: PickerUi;
  readonly draft: ProfileDraft;
  readonly engine: EngineRequester;
  /** The extension host's environment (AWS_CONFIG_FILE, AWS_REGION…). */
  readonly env: Record<string, string | undefined>;
  /** A trusted folder is open, so "workspace settings" is a choice (Restricted Mode ignores workspace profiles). */
  readonly canSaveToWorkspace: boolean;
  /** Names of the profiles already saved. */
  readonly savedNames: readonly string[];
  /** The step after `step` for this draft, or 'done'. */
  next(step: StepId): StepResult;
  /** How many steps this draft takes, for "3/6". */
  totalSteps(): number;
  /** The key typed so far, stored under a temporary SecretStorage id so the engine can use the draft. */
  draftSecretId(): Promise<string | undefined>;
  /** Opens a terminal running a fix the engine suggested (e.g. `aws sso login --profile dev`). */
  runFix(command: string): void;
}
