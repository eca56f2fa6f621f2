// The search pattern is written for ripgrep (Rust regex syntax). For the JavaScript fallback, the common
// differences are bridged: leading inline flags like (?i) become RegExp flags, and matching is per line
// ('m'), as in ripgrep.
export function toJsRegExp(pattern: string): RegExp {
  let source = pattern;
  let flags = 'm';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    if (inline[1].includes('i')) flags += 'i';
    if (inline[1].includes('s')) flags += 's';
  }
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new Error(`Invalid search pattern '${pattern}': ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
