// Fault injection for the crash tests of real processes (a `crosswind checkpoint restore` killed half-way
// through its writes): CROSSWIND_FAILPOINT=rename:N kills this process with SIGKILL — nothing flushed,
// nothing cleaned up, as a power cut or `kill -9` would — right after the Nth file is renamed into place
// by a write transaction. Unset (always, outside those tests), the file system calls are untouched.
import type { TransactionFs } from './fs-transaction';

export function withFailpoints(fs: TransactionFs, env: NodeJS.ProcessEnv): TransactionFs {
  const match = /^rename:(\d+)$/.exec(env.CROSSWIND_FAILPOINT ?? '');
  if (!match) return fs;
  const killAt = Number(match[1]);
  let renames = 0;
  return {
    ...fs,
    rename: async (from, to) => {
      await fs.rename(from, to);
      if (++renames === killAt) process.kill(process.pid, 'SIGKILL');
    },
  };
}
