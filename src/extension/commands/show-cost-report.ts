// "Crosswind: Show Cost Report": spend by day × provider × model, totals, and what the same usage would
// have cost on the other configured clouds. Optional argument: { period } or a period id ("7d"…).
import { isCostPeriod } from '../cost/cost-period';
import type { CommandModule } from './command';

export const showCostReportCommand: CommandModule = {
  id: 'crosswind.showCostReport',
  run: ({ costReport }, arg: unknown) => {
    const period = isCostPeriod(arg) ? arg : arg && typeof arg === 'object' && 'period' in arg && isCostPeriod(arg.period) ? arg.period : undefined;
    return costReport.show(period);
  },
};
