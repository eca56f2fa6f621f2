// "Add a provider": cloud → sign-in → (key) → region and (optional) VPC endpoint, or endpoint and
// deployment → model → name → scope; then the key goes to SecretStorage, the profile to the chosen
// settings, and the connection is tested.
// While the user is still choosing, a typed key sits under a temporary SecretStorage id (so the engine
// can list models with the draft); it is moved or deleted whatever happens.
import type { ProviderProfile } from '../../protocol';
import { testConnection, type ConnectionTestDeps, type ConnectionTestOutcome } from './connection-test';
import type { EngineRequester, FlowContext, StepId } from './flow-context';
import type { PickerUi } from './picker-ui';
import { draftToInput, draftToProfile, type ProfileDraft } from './profile-draft';
import { ProfileStore } from './profile-store';
import { apiKeyStep } from './steps/api-key-step';
import { authStep } from './steps/auth-step';
import { cloudStep } from './steps/cloud-step';
import { azureEndpointStep, openAIBaseUrlStep } from './steps/endpoint-steps';
import { modelStep } from './steps/model-step';
import { regionStep } from './steps/region-step';
import { nameStep, scopeStep } from './steps/save-steps';
import { runSteps, type StepResult } from './step-runner';

export interface AddProfileDeps extends ConnectionTestDeps {
  ui: PickerUi;
  engine: EngineRequester;
  store: ProfileStore;
  env: Record<string, string | undefined>;
  canSaveToWorkspace: boolean;
}

export type AddProfileResult = { saved: false } | { saved: true; profile: ProviderProfile; scope: 'user' | 'workspace'; test: ConnectionTestOutcome };

class AddProfileFlow implements FlowContext {
  readonly draft: ProfileDraft = {};
  readonly savedNames: readonly string[];
  private draftSecret: { id: string; value: string } | undefined;

  constructor(private readonly deps: AddProfileDeps) {
    this.savedNames = deps.store.list().map((p) => p.profile.name);
  }

  get ui(): PickerUi {
    return this.deps.ui;
  }
  get engine(): EngineRequester {
    return this.deps.engine;
  }
  get env(): Record<string, string | undefined> {
    return this.deps.env;
  }
  get canSaveToWorkspace(): boolean {
    return this.deps.canSaveToWorkspace;
  }

  runFix(command: string): void {
    this.deps.runFix(command);
  }

  next(step: StepId): StepResult {
    const d = this.draft;
    const usesKey = d.provider === 'openai' || d.auth?.type === 'apiKey';
    switch (step) {
      case 'cloud':
        return d.provider === 'openai' ? apiKeyStep(this) : authStep(this);
      case 'auth':
        return usesKey ? apiKeyStep(this) : this.location();
      case 'apiKey':
        return this.location();
      case 'location':
        return modelStep(this);
      case 'model':
        return nameStep(this);
      case 'name':
        return this.canSaveToWorkspace ? scopeStep(this) : 'done';
      case 'scope':
        return 'done';
    }
  }

  /** Bedrock: the region; Azure: endpoint, then deployment; OpenAI: the optional base URL. */
  private location(): StepResult {
    if (this.draft.provider === 'bedrock') return regionStep(this);
    if (this.draft.provider === 'azure') return azureEndpointStep(this);
    return openAIBaseUrlStep(this);
  }

  totalSteps(): number {
    const d = this.draft;
    const auth = d.provider === 'openai' ? 0 : 1;
    const key = d.provider === 'openai' || d.auth?.type === 'apiKey' ? 1 : 0;
    // Azure: endpoint and deployment; Bedrock: region and the optional endpoint; OpenAI: the base URL.
    const location = d.provider === 'openai' ? 1 : 2;
    return 1 + auth + key + location + 1 + 1 + (this.canSaveToWorkspace ? 1 : 0);
  }

  async draftSecretId(): Promise<string | undefined> {
    const key = this.draft.provider === 'openai' || this.draft.auth?.type === 'apiKey' ? this.draft.apiKey : undefined;
    if (!key) return undefined;
    if (this.draftSecret?.value !== key) {
      this.draftSecret ??= { id: ProfileStore.newSecretId(), value: key };
      this.draftSecret.value = key;
      await this.deps.store.storeSecret(this.draftSecret.id, key);
    }
    return this.draftSecret.id;
  }

  async run(): Promise<AddProfileResult> {
    try {
      if (!(await runSteps(cloudStep(this)))) return { saved: false };
      return await this.save();
    } finally {
      if (this.draftSecret) await this.deps.store.deleteSecret(this.draftSecret.id);
    }
  }

  private async save(): Promise<AddProfileResult> {
    const d = this.draft;
    const scope = this.canSaveToWorkspace ? (d.scope ?? 'user') : 'user';
    const usesKey = d.provider === 'openai' || d.auth?.type === 'apiKey';
    const secretId = usesKey && d.apiKey ? ProfileStore.newSecretId() : undefined;
    if (secretId && d.apiKey) await this.deps.store.storeSecret(secretId, d.apiKey);
    const input = draftToInput(d, secretId);
    const profile = draftToProfile(d, secretId);
    await this.deps.store.save(input, scope);
    const test = await testConnection(this.deps, profile);
    return { saved: true, profile, scope, test };
  }
}

export function addProfile(deps: AddProfileDeps): Promise<AddProfileResult> {
  return new AddProfileFlow(deps).run();
}
