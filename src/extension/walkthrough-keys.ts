// Context keys of the walkthrough's steps (package.json `walkthroughs[].steps[].completionEvents` name them
// as `onContext:…`), set by walkthrough-progress.ts. Pure, so the manifest test checks them.
export const WALKTHROUGH_KEYS = {
  hasProfile: 'crosswind.hasProfile',
  connectionVerified: 'crosswind.connectionVerified',
  taskGiven: 'crosswind.taskGiven',
  patchReviewed: 'crosswind.patchReviewed',
  costReportOpened: 'crosswind.costReportOpened',
} as const;
