// ESLint rule enforcing the layering table of docs/ARCHITECTURE.md: each source folder lists the folders and packages it
// may import; anything else is an error naming the rule it breaks. Allow-lists, not deny-lists, so a new
// dependency has to be placed in the architecture before it can be used.
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The repository root: the folder above scripts/, unless the config names it (its own folder). */
const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const AWS = ['@aws-sdk/', '@smithy/', '@azure/', 'openai', 'https-proxy-agent', 'undici'];

/** folder → what it may import. `node` = Node built-ins; packages match by name or prefix ending in '/'. */
export const LAYERS = {
  'src/protocol': { folders: ['src/protocol'], packages: ['zod'] },
  // jsonc-parser: mcp.json is JSON with comments and trailing commas, read as VS Code reads it.
  'src/shared': { folders: ['src/shared', 'src/protocol'], packages: ['zod', 'jsonc-parser'] },
  'src/patch': { folders: ['src/patch'], packages: ['diff'] },
  'src/core': { folders: ['src/core', 'src/protocol', 'src/shared', 'src/patch'], packages: [] },
  'src/providers': { folders: ['src/providers', 'src/core', 'src/protocol', 'src/shared'], packages: [...AWS], node: true },
  // @modelcontextprotocol/sdk: the MCP client (src/host/mcp), reached by core only through ports/mcp.ts.
  'src/host': { folders: ['src/host', 'src/core', 'src/patch', 'src/protocol', 'src/shared'], packages: ['ignore', 'web-tree-sitter', '@modelcontextprotocol/sdk/'], node: true },
  'src/server': {
    folders: ['src/server', 'src/core', 'src/providers', 'src/protocol', 'src/shared', 'src/patch', 'src/host'],
    packages: ['vscode-languageserver', 'vscode-languageserver/', 'vscode-languageserver-textdocument'], node: true,
  },
  // fflate: the zip of a GitHub Actions artifact (crosswind cloud result --github).
  'src/cli': { folders: ['src/cli', 'src/core', 'src/providers', 'src/protocol', 'src/shared', 'src/patch', 'src/host'], packages: ['fflate'], node: true },
  'src/extension': {
    folders: ['src/extension', 'src/protocol', 'src/shared'],
    packages: ['vscode', 'vscode-languageclient', 'vscode-languageclient/'], node: true,
  },
  media: { folders: ['media', 'src/protocol', 'src/shared'], packages: ['markdown-it', 'dompurify', 'highlight.js', 'highlight.js/'] },
};

function layerOf(file, root) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return Object.keys(LAYERS).find((l) => rel === l || rel.startsWith(l + '/'));
}

function packageAllowed(spec, allowed) {
  return allowed.some((p) => (p.endsWith('/') ? spec.startsWith(p) : spec === p || spec.startsWith(p + '/')));
}

export const layeringRule = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    docs: { description: 'imports must follow the layering table of docs/ARCHITECTURE.md' },
  },
  create(context) {
    const file = context.filename;
    // Folders are named from the repository root — never from the working directory: eslint run from
    // src/core saw 'src/core/x.ts' as 'x.ts', in no layer, and let it import vscode.
    const root = context.options[0]?.root ?? DEFAULT_ROOT;
    const layer = layerOf(file, root);
    if (!layer) return {};
    const rules = LAYERS[layer];
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(file), spec), root);
        if (target && rules.folders.includes(target)) return;
        context.report({ node, message: `${layer} may not import '${spec}' (${target ?? 'outside the source folders'}); allowed folders: ${rules.folders.join(', ')}` });
        return;
      }
      if (NODE.has(spec)) {
        if (!rules.node) context.report({ node, message: `${layer} may not import the Node built-in '${spec}': reach the world through a port` });
        return;
      }
      if (!packageAllowed(spec, rules.packages)) {
        context.report({ node, message: `${layer} may not import the package '${spec}'; allowed: ${rules.packages.join(', ') || 'none'}${rules.node ? ', Node built-ins' : ''}` });
      }
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') check(n.arguments[0], n.arguments[0].value);
      },
    };
  },
};
