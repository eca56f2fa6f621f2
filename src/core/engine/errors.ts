// Any failure, as the ErrorInfo a front end shows: typed, with a message the user can act on.
import type { ErrorInfo } from '../../protocol';
import { isPatchError } from '../../patch';
import { EngineError, errorInfoOf } from '../../shared/engine-error';
import { isModelError } from '../model/errors';
import { PatchNotFoundError, PatchStateError } from '../patches/patch-errors';
import { patchErrorInfo } from '../patches/patch-errors';
import { PathOutsideWorkspaceError } from '../ports/workspace';

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof EngineError) return e.info;
  if (isModelError(e)) return e.toInfo();
  if (isPatchError(e)) return patchErrorInfo(e);
  if (e instanceof PatchNotFoundError || e instanceof PatchStateError) return { kind: 'invalidRequest', message: e.message };
  if (e instanceof PathOutsideWorkspaceError) return { kind: 'accessDenied', message: e.message };
  return errorInfoOf(e);
}
