// Audit seams: one record per model request, tool call, file change and failover, hash-chained so any
// tampering, reordering or truncation is detected. Never a secret in it: arguments are digested, and
// every string passes through redactSecrets before it is written.
import type { ApprovalDecision, ProviderKind, Usage, Cost } from '../../protocol';

export type AuditEvent =
  | {
      type: 'modelRequest';
      threadId: string;
      turnId: string;
      profile: string;
      provider: ProviderKind;
      model: string;
      /** Region, endpoint host, deployment. */
      location?: string;
      /** The STS caller ARN, the Entra account, or "API key …1234"; "AWS access key AKIA…" when STS is unreachable. */
      identity?: string;
      usage?: Usage;
      cost?: Cost;
      outcome: 'ok' | 'error';
      errorKind?: string;
    }
  | {
      type: 'toolCall';
      threadId: string;
      turnId: string;
      tool: string;
      /** SHA-256 of the canonical JSON of the arguments. */
      argumentsSha256: string;
      decision?: ApprovalDecision | 'auto' | 'refused';
      decidedBy?: 'user' | 'policy';
      outcome: 'ok' | 'error' | 'declined';
      /** Who the engine was acting as (the turn's model identity), as on modelRequest. */
      identity?: string;
    }
  | {
      type: 'fileChange';
      threadId: string;
      turnId?: string;
      patchId: string;
      path: string;
      /** null: the file did not exist before / does not exist after. */
      sha256Before: string | null;
      sha256After: string | null;
      patchSha256: string;
      action: 'apply' | 'revert';
      /** Who the engine was acting as on the thread when the file changed. */
      identity?: string;
    }
  | {
      /** The user replaced the proposed text of one file of a pending patch (patch/edit) before deciding on it. */
      type: 'patchEdit';
      threadId: string;
      turnId: string;
      patchId: string;
      path: string;
      /** SHA-256 of the model's proposed text of the file. */
      sha256Proposed: string | null;
      /** SHA-256 of the user's text; null: the user went back to the model's proposal. */
      sha256Edited: string | null;
      patchSha256: string;
      identity?: string;
    }
  | {
      /** A task `crosswind serve` ran for a dispatcher (AgentCore Runtime): the first record of its log. */
      type: 'cloudTask';
      taskId: string;
      /** Who the task runs as: the runtime's STS caller ARN (its execution role), or why that is unknown. */
      identity: string;
      /** Who asked for it, as the dispatcher said (its STS caller ARN). */
      requestedBy?: string;
      /** The invoker's X-Amzn-Bedrock-AgentCore-Runtime-User-Id, when set. */
      runtimeUserId?: string;
      sessionId?: string;
      baseCommit: string;
      baseTree: string;
      approval: string;
      /** SHA-256 of the prompt, which may itself hold what a log should not. */
      promptSha256: string;
    }
  | {
      /** Files put back as a checkpoint had them (or a restore refused, or finished after a restart). */
      type: 'checkpointRestore';
      threadId: string;
      turnId: string;
      checkpointId: string;
      /** The checkpoint of the files just before the restore (restoring it undoes this one). */
      beforeRestoreId?: string;
      outcome: 'restored' | 'refused' | 'completedAfterRestart' | 'interrupted';
      files: { path: string; sha256Before: string | null; sha256After: string | null }[];
      reason?: string;
    }
  | {
      type: 'failover';
      threadId: string;
      turnId: string;
      fromProfile: string;
      toProfile: string;
      reason: string;
    };

/** What the engine calls; the implementation adds seq, time, the previous record's hash and its own. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}

/** Append-only line storage for the audit log (a file in the editor's storage or the CLI's state dir). */
export interface AuditSink {
  /** The last line written, to continue the hash chain after a restart. */
  lastLine(): Promise<string | undefined>;
  appendLine(line: string): Promise<void>;
  /**
   * Moves the current log (and its head) aside and starts an empty one; returns where the old one went.
   * Used once, when a log written without a key would otherwise be continued with keyed records.
   */
  startNew?(): Promise<string>;
}

/** One line of the audit log. `hash` = SHA-256 of the canonical JSON of every other field. */
export interface AuditRecord {
  /** Record format version: 1 = SHA-256 chain; 2 = HMAC-SHA-256 chain with the audit key. */
  v: 1 | 2;
  /** 1 for the first record, then +1 each. */
  seq: number;
  /** Epoch ms. */
  at: number;
  /** The previous record's hash; 64 zeros for the first record. */
  prevHash: string;
  event: AuditEvent;
  hash: string;
}

/**
 * The newest record's seq and hash, kept outside the log (a sidecar file, the editor's state), so that
 * removing records from the end of the log is detected: a hash chain alone cannot see a clean cut.
 */
export interface AuditHead {
  seq: number;
  hash: string;
  /** HMAC of seq and hash with the audit key (keyed logs): a head rewritten without the key is detected. */
  mac?: string;
}

export interface AuditHeadStore {
  read(): Promise<AuditHead | undefined>;
  write(head: AuditHead): Promise<void>;
}
