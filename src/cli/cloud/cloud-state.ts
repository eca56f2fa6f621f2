// The dispatcher's memory of its cloud tasks and of the runtime it deployed, in the CLI's state folder
// ($XDG_STATE_HOME/crosswind/cloud): one 0600 JSON file per task (it holds the task's audit key), in a
// 0700 folder. Written atomically (temp file, rename); read back through the protocol's schemas.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CloudRuntimeRecord, CloudTaskRecord, CloudTaskId } from '../../protocol';
import { InputError } from '../command';
import { cliStateDir } from '../state-dir';

export function cloudStateDir(env: NodeJS.ProcessEnv): string {
  return path.join(cliStateDir(env), 'cloud');
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  await fs.rename(temp, file);
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`${file} is damaged (${e instanceof Error ? e.message : String(e)}); move it aside`);
  }
}

function taskFile(env: NodeJS.ProcessEnv, taskId: string): string {
  return path.join(cloudStateDir(env), 'tasks', `${taskId}.json`);
}

export async function saveTask(env: NodeJS.ProcessEnv, record: CloudTaskRecord): Promise<void> {
  await writeJson(taskFile(env, record.taskId), CloudTaskRecord.parse(record));
}

export async function loadTask(env: NodeJS.ProcessEnv, taskId: string): Promise<CloudTaskRecord> {
  if (!CloudTaskId.safeParse(taskId).success) throw new InputError(`'${taskId}' is not a task id (crosswind cloud status lists them)`);
  const raw = await readJson(taskFile(env, taskId));
  if (raw === undefined) throw new InputError(`no cloud task ${taskId} was started from this machine (crosswind cloud status lists those that were)`);
  const parsed = CloudTaskRecord.safeParse(raw);
  if (!parsed.success) throw new InputError(`${taskFile(env, taskId)} is not a task record: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export async function listTasks(env: NodeJS.ProcessEnv): Promise<CloudTaskRecord[]> {
  const dir = path.join(cloudStateDir(env), 'tasks');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const out: CloudTaskRecord[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const parsed = CloudTaskRecord.safeParse(await readJson(path.join(dir, name)).catch(() => undefined));
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => b.createdAt - a.createdAt);
}

export async function saveRuntime(env: NodeJS.ProcessEnv, record: CloudRuntimeRecord): Promise<void> {
  await writeJson(path.join(cloudStateDir(env), 'runtime.json'), CloudRuntimeRecord.parse(record));
}

export async function loadRuntime(env: NodeJS.ProcessEnv): Promise<CloudRuntimeRecord | undefined> {
  const parsed = CloudRuntimeRecord.safeParse(await readJson(path.join(cloudStateDir(env), 'runtime.json')));
  return parsed.success ? parsed.data : undefined;
}
