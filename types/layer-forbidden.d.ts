// Deliberately not a module. The pure layers (src/protocol, src/shared, src/patch, src/core, media) map
// `vscode` and every runtime dependency they may not import to this file in their tsconfig `paths`
// (written by scripts/layer-tsconfigs.mjs from the layering table), so importing one fails to compile with
// "File '…/layer-forbidden.d.ts' is not a module" — the layering of docs/ARCHITECTURE.md enforced by the compiler.
declare const __crosswindLayerForbidden: unique symbol;
