// Content search with ripgrep, when one is on PATH or given (VS Code ships one): hidden files included
// but .git and node_modules skipped, .gitignore honoured even outside a git repository, newest files
// first, the include glob applied as the walker applies it. Only as many lines as needed are read; then
// ripgrep is stopped.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { CancelledError } from '../core/ports/cancellation';
import type { SearchRequest, SearchResult } from '../core/ports/workspace';

export async function findRipgrepOnPath(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const names = process.platform === 'win32' ? ['rg.exe', 'rg.cmd'] : ['rg'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        await fs.access(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export function searchWithRipgrep(rg: string, root: string, request: SearchRequest): Promise<SearchResult> {
  const args = ['--files-with-matches', '--no-messages', '--hidden', '--no-require-git', '--sortr=modified'];
  args.push('--glob', '!.git', '--glob', '!node_modules');
  // Not passed as --glob: ripgrep lets a glob override .gitignore, and the walker does not.
  const include = request.include ? ignore().add(request.include) : null;
  args.push('--regexp', request.pattern, '--', request.path === '' ? '.' : request.path);
  return new Promise((resolve, reject) => {
    const child = spawn(rg, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const files: string[] = [];
    let pending = '';
    let stderr = '';
    let truncated = false;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      child.kill();
      finish(() => reject(request.signal?.reason instanceof Error ? request.signal.reason : new CancelledError()));
    };
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => {
      const lines = (pending + data).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const found = line ? toWorkspacePath(line) : null;
        if (found === null || (include && !include.ignores(found))) continue;
        if (files.length >= request.limit) {
          truncated = true;
          child.kill();
          return finish(() => resolve({ files, truncated }));
        }
        files.push(found);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (data: string) => {
      if (stderr.length < 4000) stderr += data;
    });
    child.on('error', (e) => finish(() => reject(e)));
    child.on('close', (code) => {
      const last = pending ? toWorkspacePath(pending) : null;
      if (last !== null && (!include || include.ignores(last))) {
        if (files.length < request.limit) files.push(last);
        else truncated = true;
      }
      if (code === 0 || code === 1 || code === null) finish(() => resolve({ files, truncated }));
      else finish(() => reject(new Error(`ripgrep failed (exit ${code}): ${stderr.trim()}`)));
    });
  });
}

function toWorkspacePath(line: string): string {
  const p = line.split(path.sep).join('/');
  return p.startsWith('./') ? p.slice(2) : p;
}
