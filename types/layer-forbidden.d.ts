// Deliberately not a module. The pure layers (src/protocol, src/patch, src/core, media) map `vscode` and the
// cloud SDKs to this file in their tsconfig `paths`, so importing one fails to compile with
// "File '…/layer-forbidden.d.ts' is not a module" — the layering of DESIGN.md enforced by the compiler.
declare const __crosswindLayerForbidden: unique symbol;
