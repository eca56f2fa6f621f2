// Types of eslint-layering.mjs for the TypeScript tests that read its table.
import type { Rule } from 'eslint';

export interface LayerRules {
  folders: string[];
  packages: string[];
  node?: boolean;
}
export const LAYERS: Record<string, LayerRules>;
export const layeringRule: Rule.RuleModule;
