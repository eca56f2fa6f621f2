// A cloud secret put in the extension host's environment by host.ts; shell-safety.test.ts checks that it
// never appears in the engine process's environment (the extension hands cloud variables over its
// connection instead).
export const ENGINE_ENV_CANARY = 'crosswind-it-canary-client-secret-0001';
