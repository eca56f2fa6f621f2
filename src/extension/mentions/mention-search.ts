// What an `@query` typed in the composer may name: files and folders of the workspace (the Explorer's and
// search's exclusions honoured), symbols (once the query is long enough to be worth asking the language
// servers), the workspace's problems, the active terminal's last output, and a web page when the query is
// a URL. Ranked by mention-rank.ts; each source capped so the list stays quick.
import * as vscode from 'vscode';
import { Mention, type MentionSuggestion } from '../../protocol';
import { relativePath } from '../sidebar/attachments';
import { looksLikePath, MIN_SYMBOL_QUERY, rankPaths, symbolScore } from './mention-rank';
import type { TerminalOutputs } from './terminal-output';

/** Files read from the workspace for ranking, at most (a huge repository is searched by its first ones). */
const MAX_FILES = 20_000;
const MAX_PATHS_SHOWN = 20;
const MAX_SYMBOLS_SHOWN = 10;
/** A language server slower than this leaves symbols out of this answer rather than holding the list. */
const SYMBOL_TIMEOUT_MS = 1500;
/** The file list is reused while the user types one mention. */
const FILES_TTL_MS = 5000;

/** `search.exclude` as a glob (findFiles applies `files.exclude` itself, but not search's own). */
export function searchExcludeGlob(): string | undefined {
  const excluded = vscode.workspace.getConfiguration('search').get<Record<string, unknown>>('exclude') ?? {};
  const globs = Object.entries(excluded)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
  return globs.length ? `{${globs.join(',')}}` : undefined;
}

export class MentionSearch {
  private files: { at: number; list: Promise<string[]> } | undefined;

  constructor(private readonly terminals: TerminalOutputs) {}

  async search(query: string): Promise<MentionSuggestion[]> {
    const url = Mention.safeParse({ kind: 'url', url: query });
    if (url.success) return [{ mention: url.data, label: query.slice(0, 500), detail: 'Fetch this page as text (you are asked first)' }];
    const [paths, symbols] = await Promise.all([this.paths(query), this.symbols(query)]);
    return [...this.fixed(query), ...paths, ...symbols];
  }

  private fixed(query: string): MentionSuggestion[] {
    const q = query.toLowerCase();
    const out: MentionSuggestion[] = [];
    if ('problems'.startsWith(q)) {
      const counts = problemCounts();
      out.push({ mention: { kind: 'problems' }, label: 'Problems', detail: `${counts.errors} errors, ${counts.warnings} warnings in the workspace` });
    }
    if ('terminal'.startsWith(q)) {
      const last = this.terminals.lastOfActive();
      out.push(
        typeof last === 'string'
          ? { mention: { kind: 'terminal' }, label: 'Terminal', detail: 'The last command and its output', disabled: last }
          : { mention: { kind: 'terminal' }, label: 'Terminal', detail: `${last.command.split('\n')[0]!.slice(0, 80)} (${last.terminal.slice(0, 200)})` },
      );
    }
    return out;
  }

  private async paths(query: string): Promise<MentionSuggestion[]> {
    const files = await this.workspaceFiles();
    // The protocol caps a path at 1000 characters: a longer one could not be sent back.
    return rankPaths(files.filter((f) => f.length <= 1000), query, MAX_PATHS_SHOWN).map(({ path, isFolder }) => {
      const slash = path.lastIndexOf('/');
      const name = path.slice(slash + 1);
      const folder = slash > 0 ? path.slice(0, slash) : undefined;
      return { mention: isFolder ? { kind: 'folder', path } : { kind: 'file', path }, label: isFolder ? `${name}/` : name, ...(folder ? { detail: folder } : {}) };
    });
  }

  private workspaceFiles(): Promise<string[]> {
    if (this.files && Date.now() - this.files.at < FILES_TTL_MS) return this.files.list;
    const list = Promise.resolve(vscode.workspace.findFiles('**/*', searchExcludeGlob(), MAX_FILES)).then((uris) => uris.map((u) => relativePath(u)));
    this.files = { at: Date.now(), list };
    return list;
  }

  private async symbols(query: string): Promise<MentionSuggestion[]> {
    if (query.length < MIN_SYMBOL_QUERY || looksLikePath(query)) return [];
    const found = await Promise.race([
      Promise.resolve(vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', query)).catch(() => undefined),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SYMBOL_TIMEOUT_MS)),
    ]);
    return (found ?? [])
      .filter((s) => vscode.workspace.getWorkspaceFolder(s.location.uri) !== undefined && s.name.length <= 500 && relativePath(s.location.uri).length <= 1000)
      .map((s, order) => ({ s, order, score: symbolScore(s.name, query) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, MAX_SYMBOLS_SHOWN)
      .map(({ s }) => {
        const path = relativePath(s.location.uri);
        const kind = vscode.SymbolKind[s.kind] ?? 'Symbol';
        return {
          mention: { kind: 'symbol', name: s.name, symbolKind: kind.toLowerCase(), path, startLine: s.location.range.start.line + 1, endLine: s.location.range.end.line + 1 },
          label: s.name,
          detail: `${kind} in ${path}${s.containerName ? ` (${s.containerName})` : ''}`.slice(0, 1000),
        };
      });
  }
}

/** Errors and warnings across the workspace, as the Problems panel counts them. */
function problemCounts(): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  return { errors, warnings };
}
