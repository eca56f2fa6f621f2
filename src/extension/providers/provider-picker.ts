// "Crosswind: Select Provider…": the saved profiles (the active one checked) to switch to, each with
// Test Connection and Delete buttons, and "Add a provider…". With nothing saved it goes straight to
// adding one. The same list backs "Switch Profile…", "Test Connection" and "Delete Profile…".
import { addProfile, type AddProfileDeps, type AddProfileResult } from './add-profile-flow';
import { testConnection, type ConnectionTestOutcome } from './connection-test';
import type { PickOption } from './picker-ui';
import { CLOUD_SHORT, profileAuthLabel, profileLocation, profileModel } from './profile-draft';
import type { SavedProfile } from './profile-store';

export type PickerDeps = AddProfileDeps;

export type PickerResult =
  | { action: 'cancelled' }
  | { action: 'switched'; name: string }
  | { action: 'added'; result: AddProfileResult }
  | { action: 'tested'; name: string; outcome: ConnectionTestOutcome }
  | { action: 'deleted'; name: string };

function profileOption(p: SavedProfile, buttons: boolean): PickOption {
  const { profile } = p;
  return {
    id: `profile:${profile.name}`,
    label: `${p.active ? '$(check) ' : ''}${profile.name}`,
    description: `${CLOUD_SHORT[profile.provider]} · ${profileModel(profile)}`,
    detail: `${profileLocation(profile)} · ${profileAuthLabel(profile)} · ${p.scope === 'workspace' ? 'workspace settings' : 'user settings'}`,
    ...(buttons
      ? {
          buttons: [
            { id: 'test', icon: 'plug', tooltip: 'Test connection' },
            { id: 'delete', icon: 'trash', tooltip: 'Delete profile (and its stored key)' },
          ],
        }
      : {}),
  };
}

async function confirmDelete(deps: PickerDeps, p: SavedProfile): Promise<boolean> {
  const usesKey = p.profile.auth.type === 'apiKey' && p.profile.auth.secretId;
  const answer = await deps.ui.notify('warning', `Delete the provider profile ${p.profile.name}${usesKey ? ' and its stored key' : ''}?`, ['Delete']);
  return answer === 'Delete';
}

async function deleteProfile(deps: PickerDeps, p: SavedProfile): Promise<PickerResult> {
  if (!(await confirmDelete(deps, p))) return { action: 'cancelled' };
  await deps.store.delete(p.profile.name, p.scope);
  return { action: 'deleted', name: p.profile.name };
}

/** The full picker: switch, test, delete, or add. */
export async function selectProvider(deps: PickerDeps): Promise<PickerResult> {
  for (;;) {
    const saved = deps.store.list();
    if (saved.length === 0) return { action: 'added', result: await addProfile(deps) };
    const answer = await deps.ui.pick({
      id: 'profiles',
      title: 'Crosswind: Select Provider',
      placeholder: 'Choose the provider profile to use, or add one',
      options: [...saved.map((p) => profileOption(p, true)), { id: 'add', label: '$(add) Add a provider…', separatorBefore: '' }],
      ...(saved.find((p) => p.active) ? { activeId: `profile:${saved.find((p) => p.active)!.profile.name}` } : {}),
      canGoBack: false,
    });
    if (!answer || answer.kind === 'back') return { action: 'cancelled' };
    if (answer.id === 'add') return { action: 'added', result: await addProfile(deps) };
    const chosen = saved.find((p) => `profile:${p.profile.name}` === answer.id);
    if (!chosen) return { action: 'cancelled' };
    if (answer.button === 'test') return { action: 'tested', name: chosen.profile.name, outcome: await testConnection(deps, chosen.profile) };
    if (answer.button === 'delete') {
      const deleted = await deleteProfile(deps, chosen);
      // Back to the list, which shows what is left — unless nothing is.
      if (deleted.action === 'deleted' && deps.store.list().length === 0) return deleted;
      continue;
    }
    await deps.store.setActive(chosen.profile.name, chosen.scope);
    return { action: 'switched', name: chosen.profile.name };
  }
}

/** Only the saved profiles: pick one to make active. */
export async function switchProfile(deps: PickerDeps): Promise<PickerResult> {
  const saved = deps.store.list();
  if (saved.length === 0) return selectProvider(deps);
  const answer = await deps.ui.pick({
    id: 'switchProfile',
    title: 'Crosswind: Switch Profile',
    placeholder: 'Choose the provider profile to use',
    options: saved.map((p) => profileOption(p, false)),
    canGoBack: false,
  });
  const chosen = answer?.kind === 'picked' ? saved.find((p) => `profile:${p.profile.name}` === answer.id) : undefined;
  if (!chosen) return { action: 'cancelled' };
  await deps.store.setActive(chosen.profile.name, chosen.scope);
  return { action: 'switched', name: chosen.profile.name };
}

/** Tests the named profile, else the active one; with none saved, offers to add one. */
export async function testProfile(deps: PickerDeps, name?: string): Promise<PickerResult> {
  const target = deps.store.find(name ?? deps.store.activeName() ?? '');
  if (!target) return selectProvider(deps);
  return { action: 'tested', name: target.profile.name, outcome: await testConnection(deps, target.profile) };
}

/** Picks a saved profile and deletes it, with its key when no other profile uses that key. */
export async function pickAndDeleteProfile(deps: PickerDeps, name?: string): Promise<PickerResult> {
  const saved = deps.store.list();
  if (saved.length === 0) {
    void deps.ui.notify('info', 'There is no saved provider profile to delete.');
    return { action: 'cancelled' };
  }
  let chosen = name ? saved.find((p) => p.profile.name === name) : undefined;
  if (!chosen) {
    const answer = await deps.ui.pick({ id: 'deleteProfile', title: 'Crosswind: Delete Profile', placeholder: 'Choose the profile to delete', options: saved.map((p) => profileOption(p, false)), canGoBack: false });
    chosen = answer?.kind === 'picked' ? saved.find((p) => `profile:${p.profile.name}` === answer.id) : undefined;
  }
  return chosen ? deleteProfile(deps, chosen) : { action: 'cancelled' };
}
