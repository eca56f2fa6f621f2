// "Crosswind: Export Cost Report…": the report shown (or the last 30 days) as CSV (spend, or "on the other
// clouds") or JSON, to a file chosen in a save dialog. Arguments (links, tests): format, then a target Uri.
import * as vscode from 'vscode';
import { COST_EXPORT_FORMATS, type CostExportFormat } from '../cost/cost-report-panel';
import type { CommandModule } from './command';

function isFormat(v: unknown): v is CostExportFormat {
  return COST_EXPORT_FORMATS.some((f) => f.format === v);
}

function asUri(v: unknown): vscode.Uri | undefined {
  if (v instanceof vscode.Uri) return v;
  if (v && typeof v === 'object' && 'scheme' in v && 'path' in v && typeof v.scheme === 'string' && typeof v.path === 'string') return vscode.Uri.from({ scheme: v.scheme, path: v.path });
  return undefined;
}

export const exportCostReportCommand: CommandModule = {
  id: 'crosswind.exportCostReport',
  run: async ({ costReport }, formatArg: unknown, targetArg: unknown) => {
    let format = isFormat(formatArg) ? formatArg : undefined;
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        COST_EXPORT_FORMATS.map((f) => ({ label: f.label, detail: f.detail, format: f.format })),
        { title: 'Crosswind: export the cost report', placeHolder: 'Export as…' },
      );
      format = pick?.format;
    }
    if (!format) return undefined;
    return costReport.export(format, asUri(targetArg));
  },
};
