// Files that make code run later without anyone choosing to run it: editor tasks and settings that run
// on folder open (.vscode), git hooks and config (.git), CI workflows that run with the repository's
// secrets on the next push, git hook managers (.husky, .pre-commit-config.yaml), package-manager
// configuration that runs scripts or loads code on install (.npmrc, .yarnrc*, .pnpmfile.cjs, and the
// lifecycle scripts of package.json), direnv's .envrc (runs on cd), dev containers (run on open),
// .gitattributes (filter drivers) and .gitmodules (submodule update commands). Outside full-auto a
// patch touching one always asks, even after "accept for session" — one such patch could otherwise turn
// a reviewed session into an unreviewed one.
//
// Not on the list: Makefile, justfile, scripts/, test files and other sources. They run only when
// someone runs them — the same as any code the agent writes, which the user reviews as a patch.
import { judgedForms, matchesAnyGlob } from './glob';

export const RUNS_CODE_LATER: readonly string[] = [
  '**/.vscode/**',
  '*.code-workspace',
  '.git/**',
  '**/.git/**',
  '.github/workflows/**',
  '.github/actions/**',
  '.gitlab-ci.yml',
  '.circleci/**',
  'azure-pipelines.yml',
  '.husky/**',
  '.pre-commit-config.yaml',
  '**/.npmrc',
  '**/.yarnrc',
  '**/.yarnrc.yml',
  '**/.pnpmfile.cjs',
  '**/.envrc',
  '.devcontainer/**',
  '.devcontainer.json',
  '**/.gitattributes',
  '.gitmodules',
];

/** `folderNames`: a multi-root workspace's folders (each folder's .github/workflows counts). */
export function runsCodeLater(path: string, folderNames: readonly string[] = []): boolean {
  return judgedForms(path, folderNames).some((p) => matchesAnyGlob(p, RUNS_CODE_LATER));
}

/** Whether a package.json change touches its scripts (npm runs install scripts on its own); unreadable JSON counts as a change. */
export function packageScriptsChanged(oldText: string, newText: string): boolean {
  const scripts = (text: string): string | undefined => {
    if (text.trim() === '') return '{}';
    try {
      const value = JSON.parse(text) as { scripts?: unknown };
      return JSON.stringify(value?.scripts ?? {});
    } catch {
      return undefined;
    }
  };
  const before = scripts(oldText);
  const after = scripts(newText);
  return before === undefined || after === undefined || before !== after;
}

export function isPackageJson(path: string): boolean {
  return /(^|\/)package\.json$/i.test(path);
}
