// The baseline of cli-exec.bench.ts: the least a script can do for the same answer — one ConverseStream
// call with the AWS SDK (credentials from the environment, as the CLI takes them), the answer printed as
// it streams, then exit. Bundled and launched exactly like dist/cli.js, so both pay the same kind of
// process start and code loading.
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';

async function main(): Promise<void> {
  const [endpoint, modelId] = process.argv.slice(2);
  if (!endpoint || !modelId) throw new Error('usage: bare-converse ENDPOINT MODEL');
  const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint });
  const response = await client.send(new ConverseStreamCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'Say done' }] }] }));
  for await (const event of response.stream ?? []) {
    const text = event.contentBlockDelta?.delta?.text;
    if (text) process.stdout.write(text);
  }
  process.stdout.write('\n');
  client.destroy();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
