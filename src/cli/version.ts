// Set by the bundler from package.json; "dev" when run from source (tests).
declare const CROSSWIND_VERSION: string | undefined;
export const CLI_VERSION: string = typeof CROSSWIND_VERSION === 'string' ? CROSSWIND_VERSION : 'dev';
