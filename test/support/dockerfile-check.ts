// What the image must be, checked from the Dockerfile's text where Docker is absent (the unit test) —
// the rules AgentCore and docs/cloud-tasks.md put on it. A small reader of the Dockerfile syntax:
// comments and parser directives dropped, backslash continuations joined, JSON (exec) form parsed.
import { isCloudCredentialEnv, isSecretEnvName, redactSecrets } from '../../src/shared';

export interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i++;
      const next = lines[i]!;
      if (/^\s*#/.test(next)) continue; // a comment inside a continuation is dropped
      line = line.replace(/\\\s*$/, ' ') + next.trim();
    }
    const m = /^\s*(\w+)\s+(.*)$/.exec(line);
    if (m) out.push({ line: start + 1, keyword: m[1]!.toUpperCase(), args: m[2]!.trim() });
  }
  return out;
}

/** The exec (JSON array) form of CMD/ENTRYPOINT, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(args);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The names an ENV or ARG instruction sets (`K=V K2=V2`, `K V`, `ARG K`). */
function namesSet(args: string): string[] {
  if (!args.includes('=')) return [args.split(/\s+/)[0]!];
  return [...args.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]!);
}

export interface DockerfileRules {
  base: string;
  port: number;
  packages: string[];
}

/** Every way the Dockerfile breaks the rules, as sentences; empty when it keeps them. */
export function dockerfileProblems(text: string, rules: DockerfileRules): string[] {
  const problems: string[] = [];
  const ins = parseDockerfile(text);
  const froms = ins.filter((i) => i.keyword === 'FROM');
  if (!froms.length) return ['no FROM'];
  const lastFrom = froms[froms.length - 1]!;
  const finalImage = lastFrom.args.replace(/--platform=\S+\s+/, '').split(/\s+/)[0];
  if (finalImage !== rules.base) problems.push(`the image is built on ${finalImage}, not ${rules.base}`);
  if (/--platform=/.test(lastFrom.args)) problems.push('the final stage pins a platform: the image would not be multi-arch');
  for (const f of froms.slice(0, -1)) {
    if (!/--platform=\$BUILDPLATFORM\b/.test(f.args)) problems.push(`build stage at line ${f.line} is not --platform=$BUILDPLATFORM: an arm64 build would run it emulated`);
  }
  const finalStage = ins.filter((i) => i.line >= lastFrom.line);
  for (const i of ins) {
    if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
    for (const name of namesSet(i.args)) {
      if (isSecretEnvName(name) || isCloudCredentialEnv(name)) problems.push(`line ${i.line}: ${i.keyword} ${name} looks like a secret; credentials come from the runtime's role, never the image`);
    }
  }
  if (redactSecrets(text) !== text) problems.push('the Dockerfile holds a value shaped like a credential');
  const installs = finalStage.filter((i) => i.keyword === 'RUN' && /apt-get install/.test(i.args)).map((i) => i.args);
  for (const p of rules.packages) {
    if (!installs.some((cmd) => new RegExp(`(^|\\s)${p}(\\s|$)`).test(cmd))) problems.push(`the final stage does not install ${p}`);
  }
  const exposed = finalStage.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
  if (!exposed.some((p) => p === String(rules.port) || p === `${rules.port}/tcp`)) problems.push(`the image does not EXPOSE ${rules.port}`);
  const user = finalStage.filter((i) => i.keyword === 'USER').pop();
  if (!user || /^(root|0)(:|$)/.test(user.args)) problems.push('the final stage runs as root: add a USER');
  const entry = finalStage.filter((i) => i.keyword === 'ENTRYPOINT').pop();
  const argv = entry ? execForm(entry.args) : undefined;
  if (!entry) problems.push('no ENTRYPOINT');
  else if (!argv) problems.push('the ENTRYPOINT is in shell form: SIGTERM would reach /bin/sh, not crosswind serve');
  else {
    if (!argv.includes('serve')) problems.push(`the ENTRYPOINT does not run crosswind serve: ${argv.join(' ')}`);
    const portAt = argv.indexOf('--port');
    if (portAt >= 0 && argv[portAt + 1] !== String(rules.port)) problems.push(`the ENTRYPOINT listens on ${argv[portAt + 1]}, not ${rules.port}`);
    const hostAt = argv.indexOf('--host');
    if (hostAt >= 0 && argv[hostAt + 1] !== '0.0.0.0') problems.push(`the ENTRYPOINT listens on ${argv[hostAt + 1]}: AgentCore reaches the container on 0.0.0.0`);
  }
  return problems;
}
