// "Crosswind: Show Cost Report": one editor panel showing the engine's `cost/report` for a period, kept
// fresh while visible (each finished turn refreshes it), exportable as CSV or JSON. The page runs no
// script; its links are command URIs limited to the report's own commands.
import * as vscode from 'vscode';
import { type CostReport } from '../../protocol';
import { costAlternativesToCsv, costReportToCsv, costReportToJson } from '../../shared';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';
import { newNonce } from '../sidebar/webview-html';
import { periodStart, type CostPeriod } from './cost-period';
import { COST_REPORT_LINK_COMMANDS, renderCostReportError, renderCostReportHtml } from './cost-report-html';

export type CostExportFormat = 'csv' | 'alternatives-csv' | 'json';

export const COST_EXPORT_FORMATS: { format: CostExportFormat; label: string; detail: string; ext: string }[] = [
  { format: 'csv', label: 'Spend (CSV)', detail: 'One line per day × provider × profile × model', ext: 'csv' },
  { format: 'alternatives-csv', label: 'On the other clouds (CSV)', detail: 'What the same usage would have cost on each other configured profile', ext: 'csv' },
  { format: 'json', label: 'Full report (JSON)', detail: 'Everything: rows, totals, alternatives and price sources', ext: 'json' },
];

export function costExportText(report: CostReport, format: CostExportFormat): string {
  if (format === 'json') return costReportToJson(report);
  return format === 'alternatives-csv' ? costAlternativesToCsv(report) : costReportToCsv(report);
}

export class CostReportPanel extends Disposable {
  static readonly viewType = 'crosswind.costReport';
  private panel: vscode.WebviewPanel | undefined;
  private period: CostPeriod = '30d';
  private report: CostReport | undefined;
  private html = '';
  private refreshing: Promise<void> | undefined;
  private readonly openedEmitter = this.register(new vscode.EventEmitter<void>());
  /** The panel was opened (the walkthrough's "See what it costs" is done). */
  readonly onDidOpen = this.openedEmitter.event;

  constructor(
    private readonly engine: EngineConnection,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(
      engine.onNotification((n) => {
        if (n.method === 'turn/completed' && this.panel?.visible) void this.refresh();
      }),
    );
  }

  get currentPeriod(): CostPeriod {
    return this.period;
  }

  /** The report shown (or last fetched for an export). */
  get currentReport(): CostReport | undefined {
    return this.report;
  }

  /** The page shown (the integration tests read it). */
  get currentHtml(): string {
    return this.html;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens (or reveals) the panel for `period` (default: the one shown last) and loads the report. */
  async show(period?: CostPeriod): Promise<CostReport | undefined> {
    if (period) this.period = period;
    if (this.panel) this.panel.reveal(undefined, false);
    else this.panel = this.createPanel();
    await this.refresh();
    return this.report;
  }

  async setPeriod(period: CostPeriod): Promise<void> {
    this.period = period;
    await (this.panel ? this.refresh() : this.show(period));
  }

  /** Fetches the report again; concurrent calls share one fetch. */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Writes the report to `target` (asked with a save dialog when absent); returns where it went. */
  async export(format: CostExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!this.report) await this.load();
    const report = this.report;
    if (!report) return undefined;
    const spec = COST_EXPORT_FORMATS.find((f) => f.format === format)!;
    const day = new Date(report.until).toISOString().slice(0, 10);
    const file = `crosswind-cost${format === 'alternatives-csv' ? '-other-clouds' : ''}-${this.period}-${day}.${spec.ext}`;
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: `Export the cost report: ${spec.label}`,
        saveLabel: 'Export',
        ...(base ? { defaultUri: vscode.Uri.joinPath(base, file) } : {}),
        filters: spec.ext === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(costExportText(report, format)));
    if (!target) {
      void vscode.window.showInformationMessage(`Cost report exported to ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((pick) => {
        if (pick) void vscode.commands.executeCommand('vscode.open', uri);
      });
    }
    return uri;
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(CostReportPanel.viewType, 'Crosswind Cost Report', vscode.ViewColumn.Active, {
      enableScripts: false,
      enableCommandUris: [...COST_REPORT_LINK_COMMANDS],
      localResourceRoots: [],
      enableFindWidget: true,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'crosswind.svg');
    this.openedEmitter.fire();
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }

  private async load(): Promise<void> {
    const since = periodStart(this.period, Date.now());
    try {
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Crosswind: cost report' }, () =>
        this.engine.request('cost/report', since !== undefined ? { since } : {}),
      );
      this.report = report;
      this.html = renderCostReportHtml({ report, period: this.period, nonce: newNonce() });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`The cost report failed: ${message}`);
      this.html = renderCostReportError(message, newNonce());
    }
    if (this.panel) this.panel.webview.html = this.html;
  }
}
