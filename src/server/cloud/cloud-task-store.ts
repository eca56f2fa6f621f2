// The editor's memory of the cloud tasks started from this workspace, in the engine's storage folder
// (cloud-tasks/<task id>.json, 0600 in a 0700 folder: each holds its task's audit key, which must stay on
// this machine). Per task: the dispatcher's record (the CLI's shape), the thread its events fill and how
// far they were read, and what the Cloud Tasks list shows. Written atomically, read back through the schemas.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CloudTaskRecord, CloudTaskView, type CloudTaskId } from '../../protocol';

export interface EditorCloudTask {
  record: CloudTaskRecord;
  view: CloudTaskView;
  turnId: string;
  /** The last event read into the thread. */
  lastSeq: number;
}

export class CloudTaskStore {
  constructor(private readonly dir: string) {}

  private file(taskId: CloudTaskId): string {
    return path.join(this.dir, `${taskId}.json`);
  }

  async save(task: EditorCloudTask): Promise<void> {
    const value = { record: CloudTaskRecord.parse(task.record), view: CloudTaskView.parse(task.view), turnId: task.turnId, lastSeq: task.lastSeq };
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.file(task.record.taskId)}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
    await fs.rename(temp, this.file(task.record.taskId));
  }

  async load(taskId: CloudTaskId): Promise<EditorCloudTask | undefined> {
    return this.parse(await fs.readFile(this.file(taskId), 'utf8').catch(() => undefined));
  }

  /** Newest first; a damaged file is left out (and left alone). */
  async list(): Promise<EditorCloudTask[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const out: EditorCloudTask[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).slice(0, 500)) {
      const task = this.parse(await fs.readFile(path.join(this.dir, name), 'utf8').catch(() => undefined));
      if (task) out.push(task);
    }
    return out.sort((a, b) => b.view.createdAt - a.view.createdAt);
  }

  private parse(text: string | undefined): EditorCloudTask | undefined {
    if (text === undefined) return undefined;
    try {
      const raw = JSON.parse(text) as { record?: unknown; view?: unknown; turnId?: unknown; lastSeq?: unknown };
      const record = CloudTaskRecord.safeParse(raw.record);
      const view = CloudTaskView.safeParse(raw.view);
      if (!record.success || !view.success || typeof raw.turnId !== 'string' || typeof raw.lastSeq !== 'number') return undefined;
      return { record: record.data, view: view.data, turnId: raw.turnId, lastSeq: raw.lastSeq };
    } catch {
      return undefined;
    }
  }
}
