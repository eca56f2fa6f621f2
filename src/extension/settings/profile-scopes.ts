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

/** Where a profile sends its requests (and so its key or token): endpoint, base URL, token authority. */
function destination(raw: unknown): string {
  if (!raw || typeof raw !== 'object') return '';
  const r = raw as { endpoint?: unknown; baseUrl?: unknown; auth?: { authorityHost?: unknown } };
  return JSON.stringify([r.endpoint ?? null, r.baseUrl ?? null, (r.auth && typeof r.auth === 'object' ? r.auth.authorityHost : null) ?? null]);
}

/**
 * Workspace profiles that would send a user profile's requests somewhere else: same name, another
 * endpoint, base URL or token authority. A workspace is content the agent can write; it may not
 * silently redirect the user's key or token. Those stay the user's, with a notice.
 */
export function redirectedProfiles(values: ProfileScopeValues): string[] {
  const user = Array.isArray(values.user) ? (values.user as unknown[]) : [];
  const out: string[] = [];
  for (const raw of Array.isArray(values.workspace) ? (values.workspace as unknown[]) : []) {
    const name = profileName(raw);
    const mine = name === undefined ? undefined : user.find((u) => profileName(u) === name);
    if (mine !== undefined && destination(mine) !== destination(raw)) out.push(name!);
  }
  return out;
}

export function redirectNotice(name: string): string {
  return `crosswind.profiles: this workspace's settings change where your profile '${name}' sends its requests (endpoint, baseUrl or authorityHost); your user settings' profile is used. Change it in your user settings if you meant to.`;
}

/** User profiles in their order, a workspace profile replacing the user one of the same name in place (unless it redirects it), new ones after. */
export function mergeProfileScopes(values: ProfileScopeValues): ScopedRawProfile[] {
  const out: ScopedRawProfile[] = (Array.isArray(values.user) ? values.user : []).map((raw: unknown) => ({ raw, scope: 'user' as const }));
  const redirected = new Set(redirectedProfiles(values));
  for (const raw of Array.isArray(values.workspace) ? (values.workspace as unknown[]) : []) {
    const name = profileName(raw);
    if (name !== undefined && redirected.has(name)) continue;
    const i = name === undefined ? -1 : out.findIndex((p) => profileName(p.raw) === name);
    if (i >= 0) out[i] = { raw, scope: 'workspace' };
    else out.push({ raw, scope: 'workspace' });
  }
  return out;
}
