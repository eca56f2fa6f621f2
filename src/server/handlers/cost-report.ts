import { handler } from './handler';

export const costReport = handler({
  method: 'cost/report',
  handle: (params, { engine }) => engine.costReport(params),
});
