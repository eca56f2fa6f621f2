// Finding a chunk's lines in a file, as Codex's seek_sequence does: the passes run in order, each only if
// the previous found nothing — exact, then ignoring trailing whitespace, then ignoring whitespace at both
// ends, then also mapping typographic punctuation to ASCII — and within a pass the first position at or
// after the cursor wins (no uniqueness check). With end-of-file set, only the last position is tried.
// Unified-diff hunks carry a line hint instead; their pass picks the position nearest to it.
import { allLines, findExact, linesEqualAt, type Lines } from './lines';

type Normalizer = (line: string) => string;

const PUNCTUATION: Record<string, string> = {};
for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]) PUNCTUATION[String.fromCharCode(c)] = '-';
for (const c of [0x2018, 0x2019, 0x201a, 0x201b]) PUNCTUATION[String.fromCharCode(c)] = "'";
for (const c of [0x201c, 0x201d, 0x201e, 0x201f]) PUNCTUATION[String.fromCharCode(c)] = '"';
for (const c of [0x00a0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000]) {
  PUNCTUATION[String.fromCharCode(c)] = ' ';
}
const TYPOGRAPHIC = /[\u2010-\u2015\u2212\u2018-\u201f\u00a0\u2002-\u200a\u202f\u205f\u3000]/g;

/** Typographic dashes, quotes and spaces mapped to their ASCII look-alikes. */
export function asciiPunctuation(line: string): string {
  return line.replace(TYPOGRAPHIC, (c) => PUNCTUATION[c] ?? c);
}

/** The loosest comparison, also used to rank near misses. */
export const loose: Normalizer = (line) => asciiPunctuation(line.trim());

/** The passes, strictest first; null = compare as is. */
export const PASSES: readonly (Normalizer | null)[] = [null, (l) => l.trimEnd(), (l) => l.trim(), loose];
export const PASS_NAMES = ['exact', 'ignoring trailing whitespace', 'ignoring surrounding whitespace', 'ignoring typographic punctuation'];

/** Searches one file; normalised copies of its lines are made once per pass, only if that pass is reached. */
export class LineMatcher {
  private readonly normalized: (string[] | undefined)[] = [];

  constructor(private readonly lines: Lines) {}

  /** Codex's rule: the first position at or after `start` (only the last position when `eof`). */
  seek(pattern: readonly string[], start: number, eof: boolean): number | null {
    if (pattern.length === 0) return start;
    const last = this.lines.count - pattern.length;
    if (last < 0) return null;
    const from = eof ? Math.max(last, start) : start;
    for (let pass = 0; pass < PASSES.length; pass++) {
      const found = this.scan(pass, pattern, from, last);
      if (found !== null) return found;
    }
    return null;
  }

  /** Unified-diff rule: within the first pass that matches at all, the position nearest to `hint`. */
  seekNear(pattern: readonly string[], start: number, eof: boolean, hint: number): number | null {
    if (pattern.length === 0) return Math.min(Math.max(hint, start), this.lines.count);
    const last = this.lines.count - pattern.length;
    if (last < 0) return null;
    if (eof) return this.seek(pattern, start, true);
    const target = Math.min(Math.max(hint, start), last);
    for (let pass = 0; pass < PASSES.length; pass++) {
      const matches = this.matcher(pass, pattern);
      for (let d = 0; target + d <= last || target - d >= start; d++) {
        if (target + d <= last && matches(target + d)) return target + d;
        if (d > 0 && target - d >= start && matches(target - d)) return target - d;
      }
    }
    return null;
  }

  private scan(pass: number, pattern: readonly string[], from: number, last: number): number | null {
    if (PASSES[pass] === null) {
      const found = findExact(this.lines, pattern, from, last);
      return found < 0 ? null : found;
    }
    const matches = this.matcher(pass, pattern);
    for (let i = from; i <= last; i++) if (matches(i)) return i;
    return null;
  }

  /** A test of whether the pattern matches at a position, under one pass. */
  private matcher(pass: number, pattern: readonly string[]): (at: number) => boolean {
    const normalize = PASSES[pass];
    if (!normalize) {
      const lines = this.lines;
      return (at) => linesEqualAt(lines, at, pattern);
    }
    let view = this.normalized[pass];
    if (!view) {
      view = allLines(this.lines).map(normalize);
      this.normalized[pass] = view;
    }
    const lines = view;
    const pat = pattern.map(normalize);
    return (at) => {
      for (let j = 0; j < pat.length; j++) if (lines[at + j] !== pat[j]) return false;
      return true;
    };
  }
}
