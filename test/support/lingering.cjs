// Mocha root hook: when the run is over but something still keeps the process alive (a server not
// closed, a child not reaped, a timer not cleared), say what it is — timers with the stack that created
// them — and end the process with the run's own result. Without it, mocha waits for the event loop to
// drain, and a single leaked handle holds CI until its time limit, with nothing in the log to say why.
'use strict';
const asyncHooks = require('node:async_hooks');

// Longer than a stalled-stream watchdog's 30 s tick, which may still be pending when the last test ends.
const GRACE_MS = Number(process.env.CROSSWIND_LINGER_MS ?? 40_000);
const timers = new Map();
const hook = asyncHooks.createHook({
  init(id, type, _trigger, resource) {
    if (type !== 'Timeout') return;
    const holder = {};
    Error.captureStackTrace(holder);
    timers.set(id, { resource, stack: holder.stack });
  },
  destroy(id) {
    timers.delete(id);
  },
});
hook.enable();

function describeHandle(h) {
  const kind = h && h.constructor ? h.constructor.name : typeof h;
  if (kind === 'ChildProcess') return `child process ${h.pid}: ${(h.spawnargs || []).join(' ')}`;
  if (kind === 'Server') return `server listening on ${JSON.stringify(h.address())}`;
  if (kind === 'Socket') return h.remotePort ? `socket to ${h.remoteAddress}:${h.remotePort}` : `socket/pipe (fd ${h._handle && h._handle.fd})`;
  return kind;
}

exports.mochaHooks = {
  afterAll() {
    const watch = setTimeout(() => {
      const lines = [`[lingering] ${GRACE_MS / 1000} s after the last test, still alive: ${process.getActiveResourcesInfo().join(', ')}`];
      for (const h of process._getActiveHandles()) {
        // stdout and stderr are always there.
        if (h === process.stdout || h === process.stderr) continue;
        lines.push(`  ${describeHandle(h)}`);
      }
      for (const { resource, stack } of timers.values()) {
        if (resource === watch || (resource.hasRef && !resource.hasRef())) continue;
        const every = resource._repeat ? `every ${resource._repeat} ms` : `after ${resource._idleTimeout} ms`;
        lines.push(`  timer (${every}), created${stack.split('\n').slice(1, 9).join('\n   ')}`);
      }
      console.error(lines.join('\n'));
      // mocha has set process.exitCode from the run's result.
      process.exit();
    }, GRACE_MS);
    watch.unref();
  },
};
