// `crosswind whoami`: who the engine would act as on a provider (STS caller, Entra account, key fingerprint).
import { EXIT_OK, writeLine, type CliCommand } from '../command';
import { runProviderCommand } from '../provider-command';
import { providerOptionsUsage, type ProviderFlagName } from '../provider-options';

/** The identity depends on the credentials and where they are used, not on a model or deployment. */
const FLAGS: ProviderFlagName[] = ['provider', 'region', 'profile', 'endpoint'];

const USAGE = `Usage: crosswind whoami [--provider bedrock|azure|openai] [provider options] [--json]

Shows the identity the provider's credentials resolve to: the AWS caller ARN, the Entra ID user or app
(from its access token), or which API key is in use (its last four characters).

Options:
  --json               One JSON object on stdout

${providerOptionsUsage(FLAGS)}`;

export const whoamiCommand: CliCommand = {
  name: 'whoami',
  summary: 'Show the identity a provider’s credentials resolve to',
  usage: USAGE,
  run: (args, io) =>
    runProviderCommand('whoami', args, io, FLAGS, async ({ client, json }) => {
      const identity = await client.whoami();
      if (json) {
        writeLine(io.stdout, JSON.stringify(identity));
        return EXIT_OK;
      }
      writeLine(io.stdout, `provider   ${identity.provider}`);
      writeLine(io.stdout, `principal  ${identity.principal}`);
      if (identity.account) writeLine(io.stdout, `account    ${identity.account}`);
      if (identity.tenantId) writeLine(io.stdout, `tenant     ${identity.tenantId}`);
      if (identity.source) writeLine(io.stdout, `source     ${identity.source}`);
      return EXIT_OK;
    }),
};
