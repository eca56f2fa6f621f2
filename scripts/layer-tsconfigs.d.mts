// Types of layer-tsconfigs.mjs for the TypeScript tests that check the generated deny-lists.
export const ROOT: string;
export const PURE_LAYERS: string[];
export function runtimeDependencies(root?: string): string[];
export function resolvablePackages(layer: string): string[];
export function deniedPackages(layer: string, root?: string): { packages: string[]; scopes: string[] };
export function denyPaths(layer: string, root?: string): Record<string, string[]>;
export function tsconfigPath(layer: string, root?: string): string;
