// Types of bundle-options.mjs for the TypeScript benches that bundle like the product.
import type { BuildOptions } from 'esbuild';
export function bundleOptions(o: { root: string; production: boolean; version: string }): { common: BuildOptions; nodeCommon: BuildOptions; nodeWithLazyUndici: BuildOptions };
