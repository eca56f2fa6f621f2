// "Test connection": who the profile signs in as (AWS ARN, Entra account, key fingerprint) and the round
// trip's time — or, when it fails, the engine's message and exact fix, with a button that runs the fix
// command in a terminal and a Retry.
import type { ErrorInfo, Identity, ProviderProfile } from '../../protocol';
import { errorInfoOf } from '../../shared/engine-error';
import type { EngineRequester } from './flow-context';
import type { PickerUi } from './picker-ui';
import { CLOUD_LABELS } from './profile-draft';

export type ConnectionTestOutcome =
  | { ok: true; identity?: Identity; roundTripMs: number; model: string; message: string }
  | { ok: false; error: ErrorInfo; message: string };

export interface ConnectionTestDeps {
  ui: PickerUi;
  engine: EngineRequester;
  runFix(command: string): void;
  /** Called after a success (the walkthrough's "signed in" step completes on it). */
  onVerified?(profile: ProviderProfile): void;
}

export function describeSuccess(profile: ProviderProfile, r: { identity?: Identity; roundTripMs: number; model: string }): string {
  const who = r.identity ? `as ${r.identity.principal}${r.identity.account && !r.identity.principal.includes(r.identity.account) ? ` (account ${r.identity.account})` : ''}` : '';
  return `${profile.name}: connected to ${CLOUD_LABELS[profile.provider]} ${who} — ${Math.round(r.roundTripMs)} ms round trip, model ${r.model}.`.replace(/\s+—/, ' —');
}

export function describeFailure(profile: ProviderProfile, error: ErrorInfo): string {
  return `${profile.name}: ${error.message}${error.fix ? ` ${error.fix}` : ''}`;
}

/** Tests the profile (given whole, so it works before the settings reach the engine); Retry repeats. */
export async function testConnection(deps: ConnectionTestDeps, profile: ProviderProfile): Promise<ConnectionTestOutcome> {
  for (;;) {
    let outcome: ConnectionTestOutcome;
    try {
      const r = await deps.ui.progress(`Crosswind: testing the connection of ${profile.name}…`, () => deps.engine.request('provider/test', { draft: profile }));
      outcome = { ok: true, ...r, message: describeSuccess(profile, r) };
    } catch (e) {
      const error = errorInfoOf(e);
      outcome = { ok: false, error, message: describeFailure(profile, error) };
    }
    if (outcome.ok) {
      deps.onVerified?.(profile);
      // Not awaited: an information message resolves only when dismissed, and the test is done.
      void deps.ui.notify('info', outcome.message);
      return outcome;
    }
    const runFix = outcome.error.fixCommand ? `Run ${outcome.error.fixCommand}` : undefined;
    const action = await deps.ui.notify('error', outcome.message, [...(runFix ? [runFix] : []), 'Retry']);
    if (runFix && action === runFix && outcome.error.fixCommand) {
      deps.runFix(outcome.error.fixCommand);
      // The fix runs in the terminal (often a browser sign-in); the user retries when it is done.
      const again = await deps.ui.notify('info', `When \`${outcome.error.fixCommand}\` has finished, test ${profile.name} again.`, ['Test Again']);
      if (again !== 'Test Again') return outcome;
      continue;
    }
    if (action !== 'Retry') return outcome;
  }
}
