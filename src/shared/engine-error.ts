// A failure as the engine reports it, with its typed ErrorInfo (a message the user can act on, a fix).
// One class on both sides of the connection: the engine throws it for a request it refuses, and the
// extension throws it again for a failed engine request (the info travels in the JSON-RPC error's data).
import type { ErrorInfo } from '../protocol/common';

export class EngineError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'EngineError';
  }
}

/** The ErrorInfo of an EngineError; anything else is an internal error with its message. */
export function errorInfoOf(e: unknown): ErrorInfo {
  if (e instanceof EngineError) return e.info;
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}
