// "Crosswind: Cost Report Period…": today, the last 7 or 30 days, or all time (also the page's links).
import * as vscode from 'vscode';
import { COST_PERIOD_LABELS, COST_PERIODS, isCostPeriod } from '../cost/cost-period';
import type { CommandModule } from './command';

export const costReportPeriodCommand: CommandModule = {
  id: 'crosswind.costReportPeriod',
  run: async ({ costReport }, arg: unknown) => {
    let period = isCostPeriod(arg) ? arg : undefined;
    if (!period) {
      const pick = await vscode.window.showQuickPick(
        COST_PERIODS.map((p) => ({ label: COST_PERIOD_LABELS[p], period: p, ...(p === costReport.currentPeriod ? { description: 'shown now' } : {}) })),
        { title: 'Crosswind: cost report period', placeHolder: 'Show spend since…' },
      );
      period = pick?.period;
    }
    if (period) await costReport.setPeriod(period);
  },
};
