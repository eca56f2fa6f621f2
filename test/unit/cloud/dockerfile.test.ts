// The container image AgentCore runs, validated from the Dockerfile everywhere (Docker is absent on most
// test machines) and built where a Docker daemon answers: node:20-bookworm-slim, multi-arch, git,
// ripgrep and bubblewrap, no secret, `crosswind serve` as the entrypoint on 8080, not root.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { DEFAULT_PORT } from '../../../src/cli/serve/agentcore-contract';
import { dockerfileProblems, execForm, parseDockerfile } from '../../support/dockerfile-check';

const ROOT = path.resolve(__dirname, '../../..');
const TEXT = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const RULES = { base: 'node:20-bookworm-slim', port: 8080, packages: ['git', 'ripgrep', 'bubblewrap'] };

describe('Dockerfile: the crosswind serve image', () => {
  it('keeps the rules: base, multi-arch build stage, the tools, no secret, EXPOSE 8080, not root, serve as the exec-form entrypoint', () => {
    assert.deepEqual(dockerfileProblems(TEXT, RULES), []);
    assert.equal(DEFAULT_PORT, RULES.port, 'serve listens where the image says it does');
  });

  it('the check catches each way an image goes wrong', () => {
    const cases: [string, (t: string) => string, RegExp][] = [
      ['a key in ENV', (t) => t.replace('ENV NODE_ENV=production', 'ENV NODE_ENV=production OPENAI_API_KEY=placeholder'), /ENV OPENAI_API_KEY looks like a secret/],
      ['a build argument for a token', (t) => t.replace('WORKDIR /src', 'ARG GITHUB_TOKEN\nWORKDIR /src'), /ARG GITHUB_TOKEN looks like a secret/],
      ['an AWS key in a RUN', (t) => t.replace('RUN node scripts/build.mjs', 'RUN AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP node scripts/build.mjs'), /shaped like a credential/],
      ['no EXPOSE', (t) => t.replace(/^EXPOSE 8080$/m, ''), /does not EXPOSE 8080/],
      ['a shell-form entrypoint', (t) => t.replace(/^ENTRYPOINT .*$/m, 'ENTRYPOINT node /opt/crosswind/dist/cli.js serve'), /shell form/],
      ['root', (t) => t.replace(/^USER crosswind$/m, ''), /runs as root/],
      ['no bubblewrap', (t) => t.replace('ripgrep bubblewrap', 'ripgrep'), /does not install bubblewrap/],
      ['another base', (t) => t.replace(/^FROM node:20-bookworm-slim$/m, 'FROM node:20-alpine'), /built on node:20-alpine/],
      ['an amd64-only final stage', (t) => t.replace(/^FROM node:20-bookworm-slim$/m, 'FROM --platform=linux/amd64 node:20-bookworm-slim'), /would not be multi-arch/],
      ['another port', (t) => t.replace('"--port", "8080"', '"--port", "9000"'), /listens on 9000/],
    ];
    for (const [what, mutate, expected] of cases) {
      const changed = mutate(TEXT);
      assert.notEqual(changed, TEXT, `${what}: the mutation applies`);
      assert.match(dockerfileProblems(changed, RULES).join('\n'), expected, what);
    }
  });

  it('sends the daemon only what the build copies, and everything it copies exists', () => {
    const ig = ignore().add(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'));
    for (const i of parseDockerfile(TEXT).filter((x) => x.keyword === 'COPY' && !x.args.startsWith('--from'))) {
      const sources = i.args.split(/\s+/).slice(0, -1);
      for (const s of sources) {
        assert.ok(fs.existsSync(path.join(ROOT, s)), `COPY ${s} (line ${i.line}) exists`);
        const probe = fs.statSync(path.join(ROOT, s)).isDirectory() ? `${s}/x.ts` : s;
        assert.ok(!ig.ignores(probe), `COPY ${s} (line ${i.line}) is not excluded by .dockerignore`);
      }
    }
    for (const local of ['node_modules/x', '.env', 'dist/cli.js', '.git/config', '.crosswind/audit.jsonl', 'test/unit/x.ts']) {
      assert.ok(ig.ignores(local), `${local} stays out of the build context`);
    }
  });

  it('copies from the build stage the files the production build makes and the entrypoint runs', () => {
    const build = fs.readFileSync(path.join(ROOT, 'scripts/build.mjs'), 'utf8');
    const fromBuild = parseDockerfile(TEXT).filter((x) => x.keyword === 'COPY' && x.args.startsWith('--from=build'));
    const copied = fromBuild.flatMap((x) => x.args.split(/\s+/).slice(1, -1)).map((p) => path.posix.basename(p));
    // undici.js: cli.js loads it when the runtime's network needs a proxy (HTTPS_PROXY).
    assert.deepEqual(copied.sort(), ['cli.js', 'tree-sitter-bash.wasm', 'tree-sitter.wasm', 'undici.js']);
    for (const f of copied) assert.ok(build.includes(f.endsWith('.js') ? `'dist/${f}'` : `'${f}'`), `scripts/build.mjs makes ${f}`);
    const entry = parseDockerfile(TEXT).filter((x) => x.keyword === 'ENTRYPOINT').pop()!;
    assert.deepEqual(execForm(entry.args)!.slice(0, 3), ['node', '/opt/crosswind/dist/cli.js', 'serve']);
  });

  it('builds where a Docker daemon answers', function () {
    const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10_000 });
    if (info.status !== 0) this.skip(); // no Docker here: the checks above are what runs
    this.timeout(15 * 60_000);
    execFileSync('docker', ['build', '--tag', 'crosswind-serve:test', '.'], { cwd: ROOT, stdio: 'inherit', timeout: 15 * 60_000 });
    const out = execFileSync('docker', ['run', '--rm', '--entrypoint', 'sh', 'crosswind-serve:test', '-c', 'git --version && rg --version && bwrap --version && node /opt/crosswind/dist/cli.js --version'], { encoding: 'utf8' });
    assert.match(out, /git version/);
    assert.match(out, /ripgrep/);
    assert.match(out, /bubblewrap/);
  });
});
