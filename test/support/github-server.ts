// A loopback GitHub REST API (127.0.0.1) for the Actions endpoints `crosswind cloud --github` calls, as
// docs.github.com/rest describes them: a workflow_dispatch (204; 422 for inputs the workflow does not
// declare or a required one missing, 404 for an unknown workflow), the runs of a workflow (filtered by
// event and `created=>=…`), one run, its cancel (202, 409 once completed), its artifacts, and an
// artifact's zip — a 302 to storage that takes no token, as GitHub's redirect to blob storage does.
// The workflows are the real files (their `on.workflow_dispatch.inputs` and `run-name`), so a dispatcher
// sending inputs the template does not declare fails here as it would on GitHub. The run itself is the
// test's: `onDispatch` gets the run and its inputs, and completes it with `complete(run, zip)`.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import yaml from 'js-yaml';

interface WorkflowInput {
  required?: boolean;
  default?: string;
}

export interface Workflow {
  path: string;
  runName?: string;
  inputs: Record<string, WorkflowInput>;
}

export interface Run {
  id: number;
  repository: string;
  workflow: string;
  ref: string;
  inputs: Record<string, string>;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  display_title: string;
  created_at: string;
  html_url: string;
  artifacts: { id: number; name: string; zip: Buffer }[];
  cancelRequested: boolean;
}

export interface GitHubCall {
  method: string;
  path: string;
  status: number;
}

export interface GitHubServer {
  url: string;
  runs: Run[];
  calls: GitHubCall[];
  /** The run ends: its conclusion, and the artifacts it uploaded (name → zip). */
  complete(run: Run, conclusion: 'success' | 'failure' | 'cancelled', artifacts?: Record<string, Buffer>): void;
  close(): Promise<void>;
}

/** A workflow file as GitHub reads it: the dispatch inputs and the run-name template. */
export function readWorkflow(path: string, text: string): Workflow {
  const doc = yaml.load(text) as { 'run-name'?: string; on?: { workflow_dispatch?: { inputs?: Record<string, WorkflowInput> } } };
  const dispatch = doc.on?.workflow_dispatch;
  if (!dispatch) throw new Error(`${path} has no workflow_dispatch trigger`);
  return { path, ...(doc['run-name'] ? { runName: doc['run-name'] } : {}), inputs: dispatch.inputs ?? {} };
}

/** `${{ inputs.x }}` in a run-name; anything else in an expression stays as written. */
function renderRunName(template: string, inputs: Record<string, string>): string {
  return template.replace(/\$\{\{\s*inputs\.([A-Za-z_][\w-]*)\s*\}\}/g, (_, name: string) => inputs[name] ?? '');
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export async function startGitHubServer(options: {
  token: string;
  /** repository → workflow file name → the workflow */
  workflows: Record<string, Record<string, Workflow>>;
  onDispatch?(run: Run): void | Promise<void>;
}): Promise<GitHubServer> {
  const runs: Run[] = [];
  const calls: GitHubCall[] = [];
  let nextId = 9000;
  let base = '';

  const json = (res: http.ServerResponse, status: number, body?: unknown): number => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': randomUUID() });
    res.end(body === undefined ? '' : JSON.stringify(body));
    return status;
  };
  const error = (res: http.ServerResponse, status: number, message: string) => json(res, status, { message, documentation_url: 'https://docs.github.com/rest', status: String(status) });
  const runJson = (r: Run) => ({ id: r.id, name: 'Crosswind task', display_title: r.display_title, status: r.status, conclusion: r.conclusion, event: 'workflow_dispatch', head_branch: r.ref, html_url: r.html_url, created_at: r.created_at, updated_at: r.created_at });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<number> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const blob = /^\/_storage\/artifacts\/(\d+)$/.exec(url.pathname);
    if (blob) {
      // Storage: a signed URL, no token (and none expected).
      const artifact = runs.flatMap((r) => r.artifacts).find((a) => a.id === Number(blob[1]));
      if (!artifact || url.searchParams.get('sig') !== 'ok') return error(res, 403, 'AuthenticationFailed');
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': artifact.zip.length });
      res.end(artifact.zip);
      return 200;
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) return error(res, 401, 'Bad credentials');
    if (!String(req.headers.accept ?? '').includes('application/vnd.github+json')) return error(res, 415, 'Unsupported media type');
    const m = /^\/repos\/([^/]+\/[^/]+)\/actions\/(.*)$/.exec(url.pathname);
    if (!m) return error(res, 404, 'Not Found');
    const repository = m[1]!;
    const rest = m[2]!;
    const workflows = options.workflows[repository];
    if (!workflows) return error(res, 404, 'Not Found');

    const dispatch = /^workflows\/([^/]+)\/dispatches$/.exec(rest);
    if (dispatch && method === 'POST') {
      const workflow = workflows[decodeURIComponent(dispatch[1]!)];
      if (!workflow) return error(res, 404, 'Not Found');
      const body = JSON.parse((await readBody(req)) || '{}') as { ref?: string; inputs?: Record<string, unknown> };
      if (!body.ref) return error(res, 422, 'Invalid request.\n\n"ref" wasn\'t supplied.');
      const given = body.inputs ?? {};
      const unexpected = Object.keys(given).filter((k) => !(k in workflow.inputs));
      if (unexpected.length) return error(res, 422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
      const missing = Object.entries(workflow.inputs).filter(([k, d]) => d.required && (given[k] === undefined || given[k] === ''));
      if (missing.length) return error(res, 422, `Required input '${missing[0]![0]}' not provided`);
      if (Object.values(given).some((v) => typeof v !== 'string')) return error(res, 422, 'Invalid request.\n\nFor \'properties/inputs\', values must be strings.');
      const inputs: Record<string, string> = {};
      for (const [k, d] of Object.entries(workflow.inputs)) inputs[k] = (given[k] as string | undefined) ?? d.default ?? '';
      const id = nextId++;
      const run: Run = {
        id,
        repository,
        workflow: workflow.path,
        ref: body.ref,
        inputs,
        status: 'queued',
        conclusion: null,
        display_title: workflow.runName ? renderRunName(workflow.runName, inputs) : 'Crosswind task',
        created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        html_url: `${base}/${repository}/actions/runs/${id}`,
        artifacts: [],
        cancelRequested: false,
      };
      runs.push(run);
      json(res, 204);
      void Promise.resolve(options.onDispatch?.(run)).catch(() => undefined);
      return 204;
    }
    const list = /^workflows\/([^/]+)\/runs$/.exec(rest);
    if (list && method === 'GET') {
      const file = decodeURIComponent(list[1]!);
      if (!workflows[file]) return error(res, 404, 'Not Found');
      const created = /^>=(.+)$/.exec(url.searchParams.get('created') ?? '');
      const since = created ? Date.parse(created[1]!) : 0;
      const event = url.searchParams.get('event');
      const found = runs.filter((r) => r.repository === repository && r.workflow.endsWith(file) && Date.parse(r.created_at) >= since && (!event || event === 'workflow_dispatch'));
      return json(res, 200, { total_count: found.length, workflow_runs: found.reverse().map(runJson) });
    }
    const one = /^runs\/(\d+)(\/cancel|\/artifacts)?$/.exec(rest);
    if (one) {
      const run = runs.find((r) => r.id === Number(one[1]) && r.repository === repository);
      if (!run) return error(res, 404, 'Not Found');
      if (!one[2] && method === 'GET') return json(res, 200, runJson(run));
      if (one[2] === '/cancel' && method === 'POST') {
        if (run.status === 'completed') return error(res, 409, 'Cannot cancel a workflow run that is completed.');
        run.cancelRequested = true;
        return json(res, 202, {});
      }
      if (one[2] === '/artifacts' && method === 'GET') {
        return json(res, 200, { total_count: run.artifacts.length, artifacts: run.artifacts.map((a) => ({ id: a.id, name: a.name, size_in_bytes: a.zip.length, expired: false, archive_download_url: `${base}/repos/${repository}/actions/artifacts/${a.id}/zip` })) });
      }
    }
    const zip = /^artifacts\/(\d+)\/zip$/.exec(rest);
    if (zip && method === 'GET') {
      const artifact = runs.filter((r) => r.repository === repository).flatMap((r) => r.artifacts).find((a) => a.id === Number(zip[1]));
      if (!artifact) return error(res, 404, 'Not Found');
      res.writeHead(302, { location: `${base}/_storage/artifacts/${artifact.id}?sig=ok` });
      res.end();
      return 302;
    }
    return error(res, 404, 'Not Found');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).then(
      (status) => calls.push({ method: req.method ?? 'GET', path: req.url ?? '', status }),
      (e: unknown) => {
        calls.push({ method: req.method ?? 'GET', path: req.url ?? '', status: 500 });
        if (!res.headersSent) error(res, 500, String(e));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let artifactId = 500;
  return {
    url: base,
    runs,
    calls,
    complete(run, conclusion, artifacts = {}) {
      for (const [name, zipBytes] of Object.entries(artifacts)) run.artifacts.push({ id: artifactId++, name, zip: zipBytes });
      run.status = 'completed';
      run.conclusion = conclusion;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
