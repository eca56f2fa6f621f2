// Glob matching for protected paths and `include` filters, without a dependency (src/core imports none).
// Supports `*` (within a segment), `**` (any number of segments), `?`, `{a,b}` and character classes.
// A pattern without '/' matches the file name in any folder, as .gitignore does. Matching ignores case:
// on macOS and Windows `.GIT/hooks` and `Server.PEM` are the very files `.git/hooks` and `*.pem` name.

const cache = new Map<string, RegExp>();

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  const anchored = glob.includes('/');
  const g = glob.startsWith('/') ? glob.slice(1) : glob;
  let re = '';
  let inGroup = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup++;
      re += '(?:';
    } else if (c === '}' && inGroup > 0) {
      inGroup--;
      re += ')';
    } else if (c === ',' && inGroup > 0) re += '|';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = g.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += escapeRe(c);
  }
  const regex = new RegExp(anchored ? `^${re}$` : `(?:^|/)${re}$`, 'i');
  cache.set(glob, regex);
  return regex;
}

/** Does a workspace-relative '/'-separated path match any of the globs? */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(path));
}

/** `.git` internals: never written without the user saying so. */
export function isGitInternal(path: string): boolean {
  const p = path.toLowerCase();
  return p === '.git' || p.startsWith('.git/') || p.includes('/.git/') || p.endsWith('/.git');
}

/**
 * The forms a path is judged in: itself, and in a multi-root workspace (`folderNames` given) also the path
 * inside its folder — rules anchored at the root apply at each folder's root.
 */
export function judgedForms(path: string, folderNames: readonly string[]): string[] {
  const slash = path.indexOf('/');
  if (slash < 0 || !folderNames.includes(path.slice(0, slash))) return [path];
  return [path, path.slice(slash + 1)];
}
