// Must be the first module the bundle evaluates. zod compiles object parsers with `new Function` when it
// can, and probes for that by calling it: under the webview's CSP (no unsafe-eval) the probe is refused
// and reported as a CSP violation even though zod catches it. zod reads its config from this global when
// it loads (and decides at schema creation), so it is set before src/protocol is evaluated. The webview
// may not import zod itself (layering), hence the global rather than z.config({ jitless: true }).
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };

export {};
