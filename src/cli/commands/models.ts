// `crosswind models`: the models a provider offers with the current credentials.
import { EXIT_OK, writeLine, type CliCommand } from '../command';
import { runProviderCommand } from '../provider-command';
import { providerOptionsUsage, UNSPECIFIED_MODEL, type ProviderFlagName } from '../provider-options';

/** Listing needs no model: the flags that say where to look and how (Azure: chat-only resources list just the deployment). */
const FLAGS: ProviderFlagName[] = ['provider', 'region', 'profile', 'endpoint', 'deployment', 'api-version', 'api'];

const USAGE = `Usage: crosswind models [--provider bedrock|azure|openai] [provider options] [--json]

Lists the models the provider offers with these credentials (Azure: the deployment, plus the v1 API's
models when the resource has it).

Options:
  --json               One JSON array on stdout

${providerOptionsUsage(FLAGS)}`;

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'List the models a provider offers',
  usage: USAGE,
  run: (args, io) =>
    runProviderCommand('models', args, io, FLAGS, async ({ client, profile, json }) => {
      const models = (await client.listModels()).filter((m) => m.id !== UNSPECIFIED_MODEL);
      if (json) {
        writeLine(io.stdout, JSON.stringify(models));
        return EXIT_OK;
      }
      if (models.length === 0) {
        writeLine(
          io.stderr,
          profile.provider === 'azure'
            ? 'This Azure resource has no v1 API to list models from: name a deployment with --deployment (Azure AI Foundry → Deployments lists them).'
            : `No models are available to these ${profile.provider} credentials.`,
        );
      }
      const width = Math.max(2, ...models.map((m) => m.id.length));
      for (const m of models) writeLine(io.stdout, [m.id.padEnd(width), m.name && m.name !== m.id ? m.name : '', m.vendor ?? ''].filter(Boolean).join('  ').trimEnd());
      return EXIT_OK;
    }),
};
