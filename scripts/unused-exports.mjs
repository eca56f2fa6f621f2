// Lists exported declarations of src/ and media/ that nothing else uses — dead code, or an export that
// should be file-local. One pass with the TypeScript checker over every project of tsconfig.json (the
// sources, the tests, the benches): each identifier is resolved to its declaration (through re-exports);
// an export counts as used when an identifier in another file resolves to it. Exports used only inside
// their own file are listed with --verbose only (often a parameter type, legitimately public). Public class
// members nothing uses are reported too. No dependency beyond typescript.
//   node scripts/unused-exports.mjs [--verbose]     exits 1 when anything is unused
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Entry points and declarations used from outside TypeScript (esbuild entries, contributes, d.ts). */
const ENTRY_FILES = new Set(['src/extension/extension.ts', 'src/server/server.ts', 'src/cli/cli.ts', 'media/main.ts']);

function projectFiles(configPath, seen = new Set()) {
  const abs = path.resolve(configPath);
  if (seen.has(abs)) return [];
  seen.add(abs);
  const file = abs.endsWith('.json') ? abs : path.join(abs, 'tsconfig.json');
  const cfg = ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!cfg) return [];
  return [...cfg.fileNames, ...(cfg.projectReferences ?? []).flatMap((r) => projectFiles(r.path, seen))];
}

export function findUnusedExports() {
  const files = [...new Set(projectFiles(path.join(root, 'tsconfig.json')))];
  const program = ts.createProgram(files, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: false, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const rel = (f) => path.relative(root, f).split(path.sep).join('/');
  const mine = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !rel(sf.fileName).startsWith('node_modules') && !rel(sf.fileName).startsWith('..'));

  /** declaration symbol → files that use it */
  const usedFrom = new Map();
  const resolve = (sym) => {
    let s = sym;
    for (let i = 0; s && s.flags & ts.SymbolFlags.Alias && i < 10; i++) s = checker.getAliasedSymbol(s);
    return s;
  };
  for (const sf of mine) {
    const visit = (node) => {
      if (ts.isIdentifier(node)) {
        const sym = checker.getSymbolAtLocation(node);
        // Through re-exports to the declaration; a member read on an instance is a transient copy of it.
        for (const target of sym ? checker.getRootSymbols(resolve(sym)) : []) {
          let set = usedFrom.get(target);
          if (!set) usedFrom.set(target, (set = new Set()));
          // A declaration's own name is not a use.
          const isDeclName = node.parent && node.parent.name === node && target.declarations?.includes(node.parent);
          if (!isDeclName) set.add(sf.fileName);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  const findings = [];
  for (const sf of mine) {
    const r = rel(sf.fileName);
    if (!/^(src|media)\//.test(r) || ENTRY_FILES.has(r)) continue;
    const moduleSym = checker.getSymbolAtLocation(sf);
    if (!moduleSym) continue;
    for (const exp of checker.getExportsOfModule(moduleSym)) {
      const target = resolve(exp);
      // Re-exports (index files) are judged where they are declared.
      if (!target?.declarations?.some((d) => d.getSourceFile() === sf)) continue;
      const users = usedFrom.get(target) ?? new Set();
      const elsewhere = [...users].filter((f) => f !== sf.fileName);
      if (elsewhere.length) continue;
      findings.push({ file: r, name: exp.getName(), local: users.has(sf.fileName) });
    }
  }
  // Class members nothing calls: public methods and properties of src/ classes with no use anywhere (not
  // even in their own file). Members a base class or an implemented interface declares are skipped: they
  // are called through that type; so are names some interface of ours declares (a class may satisfy it
  // structurally, like the webview's components).
  const interfaceMembers = new Set();
  for (const sf of mine) {
    const collect = (node) => {
      if ((ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) && node.members) for (const m of node.members) if (m.name) interfaceMembers.add(m.name.getText(sf));
      ts.forEachChild(node, collect);
    };
    collect(sf);
  }
  for (const sf of mine) {
    const r = rel(sf.fileName);
    if (!/^(src|media)\//.test(r)) continue;
    const visit = (node) => {
      if (ts.isClassDeclaration(node) && node.name) {
        const inherited = new Set();
        for (const clause of node.heritageClauses ?? []) {
          for (const t of clause.types) for (const p of checker.getTypeAtLocation(t).getProperties()) inherited.add(p.getName());
        }
        for (const m of node.members) {
          if (!m.name || ts.isConstructorDeclaration(m) || !(ts.isMethodDeclaration(m) || ts.isPropertyDeclaration(m) || ts.isGetAccessor(m))) continue;
          if (ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Override)) continue;
          const name = m.name.getText(sf);
          if (inherited.has(name) || interfaceMembers.has(name) || name.startsWith('#')) continue;
          const sym = checker.getSymbolAtLocation(m.name);
          if (sym && !(usedFrom.get(sym)?.size)) findings.push({ file: r, name: `${node.name.text}.${name}`, local: false });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const verbose = process.argv.includes('--verbose');
  const findings = findUnusedExports();
  for (const f of findings) if (!f.local || verbose) console.log(`${f.file}: ${f.name}${f.local ? ' (exported, used only in its own file)' : ' (unused)'}`);
  const unused = findings.filter((f) => !f.local).length;
  console.log(unused ? `${unused} unused declaration(s): delete them, or use them.` : 'No unused exports or class members.');
  process.exitCode = unused ? 1 : 0;
}
