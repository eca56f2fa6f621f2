// Commands that run other commands. The deny list must see through them: `env rm`, `sudo rm`,
// `nice -n 5 rm`, `xargs rm`, `find -exec rm`, `bash -c 'rm …'`, `eval rm …` all run rm. For each such
// command: the inner command's words, or a script to parse (sh -c, eval), or the reason its code cannot
// be seen (python -c, node -e: code in a string the deny list cannot read).

export type Word = string | null;

export type Unwrapped =
  /** Not a wrapper. */
  | { kind: 'none' }
  | { kind: 'command'; words: Word[] }
  /** Several inner commands (find … -exec a ; -exec b ;, -delete). */
  | { kind: 'commands'; commands: Word[][] }
  | { kind: 'script'; script: Word; via: string }
  | { kind: 'opaque'; reason: string };

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'busybox', 'fish']);

/**
 * Wrappers whose inner command follows their options: the options that take a value (skipped with it),
 * and a count of plain arguments before the command (timeout's duration, flock's file).
 */
const PREFIX_WRAPPERS: Record<string, { valued: string[]; leading?: number; assignments?: boolean }> = {
  env: { valued: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'], assignments: true },
  command: { valued: [] },
  builtin: { valued: [] },
  exec: { valued: ['-a'] },
  nice: { valued: ['-n', '--adjustment'] },
  nohup: { valued: [] },
  time: { valued: ['-f', '--format', '-o', '--output'] },
  setsid: { valued: [] },
  stdbuf: { valued: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  ionice: { valued: ['-c', '-n', '-p', '--class', '--classdata'] },
  chrt: { valued: [], leading: 1 },
  taskset: { valued: [], leading: 1 },
  timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], leading: 1 },
  flock: { valued: ['-w', '--timeout', '-E', '--conflict-exit-code'], leading: 1 },
  sudo: { valued: ['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-R', '--chroot', '-T', '--command-timeout', '-r', '--role', '-t', '--type', '-U', '--other-user'], assignments: true },
  doas: { valued: ['-u', '-C'] },
  xargs: { valued: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-e', '--eof', '-I', '-i', '--replace', '-L', '-l', '--max-lines', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var'] },
  strace: { valued: ['-e', '-o', '-p', '-s', '-u'] },
  ltrace: { valued: ['-e', '-o', '-p', '-s', '-u'] },
  unbuffer: { valued: [] },
  watch: { valued: ['-n', '--interval', '-d'] },
};

/** Interpreters that run code given inline, with the flags that introduce it. */
const INLINE_CODE: Array<{ name: RegExp; flags: string[] }> = [
  { name: /^python[\d.]*$|^pypy[\d.]*$/, flags: ['-c'] },
  { name: /^(node|nodejs|bun)$/, flags: ['-e', '--eval', '-p', '--print'] },
  { name: /^deno$/, flags: ['eval'] },
  { name: /^perl[\d.]*$/, flags: ['-e', '-E'] },
  { name: /^ruby[\d.]*$/, flags: ['-e'] },
  { name: /^php[\d.]*$/, flags: ['-r'] },
  { name: /^lua[\d.]*$/, flags: ['-e'] },
  { name: /^(pwsh|powershell)$/, flags: ['-c', '-command', '-Command', '-EncodedCommand', '-e'] },
  { name: /^osascript$/, flags: ['-e'] },
  { name: /^Rscript$/, flags: ['-e'] },
];

export function commandName(word: Word): Word {
  if (word === null) return null;
  // /bin/rm, ./node_modules/.bin/x: the program's name is what the deny list names.
  return word.includes('/') ? word.slice(word.lastIndexOf('/') + 1) : word;
}

export function unwrap(words: Word[]): Unwrapped {
  const name = commandName(words[0] ?? null);
  if (name === null) return { kind: 'none' };
  const args = words.slice(1);
  if (SHELLS.has(name)) return shellScript(name, args);
  if (name === 'eval') {
    if (args.some((a) => a === null)) return { kind: 'opaque', reason: 'eval runs text that is only known when it runs' };
    return { kind: 'script', script: args.join(' '), via: 'eval' };
  }
  if (name === 'find') return findActions(args);
  const inline = INLINE_CODE.find((i) => i.name.test(name));
  if (inline && args.some((a) => a === null || inline.flags.includes(a) || inline.flags.some((f) => f.startsWith('--') && a.startsWith(`${f}=`)))) {
    return { kind: 'opaque', reason: `${name} runs code given inline, which the deny list cannot see into` };
  }
  if (/^[gmn]?awk$/.test(name) && args.some((a) => a === null || /\bsystem\s*\(|\|\s*(getline|&)|\|/.test(a))) {
    return { kind: 'opaque', reason: `${name} runs a program that can start commands` };
  }
  const spec = PREFIX_WRAPPERS[name];
  if (!spec) return { kind: 'none' };
  if (name === 'env') {
    const split = args.findIndex((a) => a === '-S' || a === '--split-string' || (a !== null && a.startsWith('--split-string=')));
    if (split >= 0) {
      const a = args[split]!;
      return { kind: 'script', script: a.startsWith('--split-string=') ? a.slice('--split-string='.length) : (args[split + 1] ?? null), via: 'env -S' };
    }
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === null) return { kind: 'opaque', reason: `the command ${name} runs is only known when it runs` };
    if (a === '--') {
      i++;
      break;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) continue;
    if (!a.startsWith('-') || a === '-') break;
    if (spec.valued.includes(a)) i++;
    // -n5, --adjustment=5, -u root: values glued to their option need no skipping.
  }
  i += spec.leading ?? 0;
  const inner = args.slice(i);
  if (inner.length === 0) return name === 'xargs' ? { kind: 'command', words: ['echo'] } : { kind: 'none' };
  return { kind: 'command', words: inner };
}

/** `sh -c SCRIPT`, `bash -lc SCRIPT`, `busybox sh -c …`: the script; `bash file.sh`: not a wrapper we can see into. */
function shellScript(name: string, args: Word[]): Unwrapped {
  if (name === 'busybox') return args.length ? unwrap(args) : { kind: 'none' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null) return { kind: 'opaque', reason: `the options of ${name} are only known when it runs` };
    if (a === '--' || !a.startsWith('-') && !a.startsWith('+')) return { kind: 'none' };
    // -c alone or in a cluster (-lc, -ec, -xc): the script is the first argument after the options.
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) {
      let j = i + 1;
      while (j < args.length && args[j] !== null && /^[-+]/.test(args[j]!) && args[j] !== '--') j++;
      if (args[j] === '--') j++;
      return { kind: 'script', script: args[j] ?? null, via: `${name} -c` };
    }
    if (a === '-o' || a === '+o' || a === '-O' || a === '+O' || a === '--rcfile' || a === '--init-file') i++;
  }
  return { kind: 'none' };
}

/** find's actions that run commands (-exec, -execdir, -ok, -okdir) and delete files (-delete, as rm). */
function findActions(args: Word[]): Unwrapped {
  const commands: Word[][] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-delete') commands.push(['rm']);
    if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir') {
      const end = args.findIndex((x, j) => j > i && (x === ';' || x === '+'));
      commands.push(args.slice(i + 1, end < 0 ? undefined : end));
      if (end < 0) break;
      i = end;
    }
  }
  return commands.length ? { kind: 'commands', commands } : { kind: 'none' };
}
