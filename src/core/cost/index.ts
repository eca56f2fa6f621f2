// Cost: price tables, pricing, totals, budgets and the cost report, for the engine and the front ends.
export * from './types';
export * from './price-table';
export { SHIPPED_PRICES } from './prices-2026-11';
export { TablePricer, costInPico, azureDeploymentsOf, pricerFromSettings } from './table-pricer';
export { modelFamily } from './model-family';
export * from './cost-report';
export * from './budget';
