// The GitHub REST endpoints a cloud task on GitHub Actions uses, and nothing else: dispatch a workflow,
// find the run it made, read a run, cancel it, list its artifacts and download one (a zip). The token comes
// from GH_TOKEN or GITHUB_TOKEN; the API from GITHUB_API_URL (GitHub Enterprise Server, tests), else
// api.github.com. Every request has a time limit; a failure says what GitHub answered and what to fix.
// REST reference: docs.github.com/rest/actions/workflows ("Create a workflow dispatch event"),
// /rest/actions/workflow-runs ("List workflow runs for a workflow", "Get a workflow run", "Cancel a
// workflow run"), /rest/actions/artifacts ("List workflow run artifacts", "Download an artifact").
import { unzipSync } from 'fflate';
import { InputError } from '../../command';

type Env = Record<string, string | undefined>;

const TIMEOUT_MS = 30_000;
/** Artifacts of a task are small (a patch, a log); a larger zip is refused rather than held in memory. */
const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024;

export interface WorkflowRun {
  id: number;
  status: string;
  conclusion: string | null;
  html_url: string;
  display_title?: string;
  name?: string;
  created_at: string;
  run_started_at?: string;
  updated_at?: string;
}

export interface Artifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
}

export class GitHubApi {
  private readonly base: string;
  private readonly token: string;

  constructor(env: Env) {
    const token = env.GH_TOKEN || env.GITHUB_TOKEN;
    if (!token) throw new InputError('set GH_TOKEN (or GITHUB_TOKEN) to a token that may run workflows (actions: write) and read the repository');
    this.token = token;
    this.base = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'crosswind-cli',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (r.ok) return r;
    const text = await r.text().catch(() => '');
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      // not JSON
    }
    const fix =
      r.status === 401
        ? ' The token is not valid: check GH_TOKEN.'
        : r.status === 403 || r.status === 404
          ? ' The token may not see the repository or run its workflows (it needs actions: write), or the workflow file is not on that branch.'
          : r.status === 422
            ? ' The workflow must have a workflow_dispatch trigger with these inputs (docs/github-actions/crosswind-task.yml).'
            : '';
    throw new Error(`GitHub ${method} ${path} answered ${r.status}: ${message}.${fix}`);
  }

  async dispatch(repo: string, workflow: string, ref: string, inputs: Record<string, string>): Promise<void> {
    await this.request('POST', `/repos/${repo}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`, { ref, inputs });
  }

  async runs(repo: string, workflow: string, since: Date): Promise<WorkflowRun[]> {
    const created = encodeURIComponent(`>=${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
    const r = await this.request('GET', `/repos/${repo}/actions/workflows/${encodeURIComponent(workflow)}/runs?event=workflow_dispatch&created=${created}&per_page=50`);
    return ((await r.json()) as { workflow_runs: WorkflowRun[] }).workflow_runs;
  }

  async run(repo: string, runId: number): Promise<WorkflowRun> {
    return (await (await this.request('GET', `/repos/${repo}/actions/runs/${runId}`)).json()) as WorkflowRun;
  }

  async cancel(repo: string, runId: number): Promise<void> {
    await this.request('POST', `/repos/${repo}/actions/runs/${runId}/cancel`);
  }

  async artifacts(repo: string, runId: number): Promise<Artifact[]> {
    return ((await (await this.request('GET', `/repos/${repo}/actions/runs/${runId}/artifacts?per_page=100`)).json()) as { artifacts: Artifact[] }).artifacts;
  }

  /** The artifact's files, by name. GitHub answers with a redirect to storage, which fetch follows (without the token). */
  async download(repo: string, artifact: Artifact): Promise<Map<string, Buffer>> {
    if (artifact.size_in_bytes > MAX_ARTIFACT_BYTES) throw new Error(`artifact ${artifact.name} is ${artifact.size_in_bytes} bytes, more than this command reads`);
    const r = await this.request('GET', `/repos/${repo}/actions/artifacts/${artifact.id}/zip`);
    const zip = new Uint8Array(await r.arrayBuffer());
    const files = new Map<string, Buffer>();
    for (const [name, bytes] of Object.entries(unzipSync(zip))) files.set(name, Buffer.from(bytes));
    return files;
  }
}
