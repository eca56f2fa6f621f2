// Preloaded (`node -r`) into the processes cli-exec.bench.ts compares: when the process exits, it writes
// its own CPU time since it started (user + system, all its threads, in ms) to the file named by
// CROSSWIND_BENCH_CPU_FILE. CPU time, unlike wall time, does not count the moments a loaded machine gave
// the CPU to other processes — which inflate the longer of two runs the most.
'use strict';
const fs = require('node:fs');

const file = process.env.CROSSWIND_BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const used = process.cpuUsage();
    fs.writeFileSync(file, String((used.user + used.system) / 1000));
  });
}
