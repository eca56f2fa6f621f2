// Run by azure-entra.test.ts in a child process started with NODE_EXTRA_CA_CERTS (the loopback authority's
// self-signed certificate) and the AZURE_* variables DefaultAzureCredential reads from process.env.
// Streams one request and asks whoami through the real client, then prints one `RESULT <json>` line.
import type { ModelEvent } from '../../../src/core/model/types';
import { AzureProfile } from '../../../src/protocol';
import { createAzureClient } from '../../../src/providers/azure';

interface ChildConfig {
  profile: unknown;
  proxyUrl?: string;
  streams?: number;
}

// Bounded: a stuck credential must not hang the test run.
setTimeout(() => {
  process.stdout.write(`RESULT ${JSON.stringify({ ok: false, kind: 'timeout', message: 'child timed out' })}\n`);
  process.exit(3);
}, 20_000).unref();

async function main(): Promise<void> {
  const config = JSON.parse(process.env.CW_CHILD_CONFIG ?? '{}') as ChildConfig;
  const client = createAzureClient(AzureProfile.parse(config.profile), {
    env: process.env,
    logger: { log: () => undefined },
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    memo: new Map(),
    ...(config.proxyUrl ? { proxyUrl: config.proxyUrl } : {}),
  });
  try {
    const runs: ModelEvent[][] = [];
    for (let i = 0; i < (config.streams ?? 1); i++) {
      const events: ModelEvent[] = [];
      for await (const e of client.stream({ system: '', items: [{ type: 'user', text: `hello ${i}` }], tools: [] })) events.push(e);
      runs.push(events);
    }
    const identity = await client.whoami();
    process.stdout.write(`RESULT ${JSON.stringify({ ok: true, runs, identity })}\n`);
  } catch (e) {
    const err = e as { kind?: string; message?: string; fix?: string; fixCommand?: string };
    process.stdout.write(`RESULT ${JSON.stringify({ ok: false, kind: err.kind, message: err.message, fix: err.fix, fixCommand: err.fixCommand })}\n`);
  }
}

main().then(
  () => process.exit(0),
  () => process.exit(2),
);
