// crosswind.profiles may be set in user settings and in workspace settings. VS Code does not merge arrays
// (a workspace value would hide every user profile), so the profiles in use are both lists merged by
// name, the workspace's winning. Pure: no vscode import, so unit tests can run it.

export interface ProfileScopeValues {
  user?: unknown;
  workspace?: unknown;
}

export interface ScopedRawProfile {
  raw: unknown;
  scope: 'user' | 'workspace';
}

export function profileName(raw: unknown): string | undefined {
  return raw && typeof raw === 'object' && 'name' in raw && typeof raw.name === 'string' ? raw.name : undefined;
}

/** User profiles in their order, a workspace profile replacing the user one of the same name in place, new ones after. */
export function mergeProfileScopes(values: ProfileScopeValues): ScopedRawProfile[] {
  const out: ScopedRawProfile[] = (Array.isArray(values.user) ? values.user : []).map((raw: unknown) => ({ raw, scope: 'user' as const }));
  for (const raw of Array.isArray(values.workspace) ? (values.workspace as unknown[]) : []) {
    const name = profileName(raw);
    const i = name === undefined ? -1 : out.findIndex((p) => profileName(p.raw) === name);
    if (i >= 0) out[i] = { raw, scope: 'workspace' };
    else out.push({ raw, scope: 'workspace' });
  }
  return out;
}
