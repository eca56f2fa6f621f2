// `crosswind whoami`: who the engine would act as on a provider (STS caller, Entra account, key fingerprint).
import { parseArgs } from 'node:util';
import { createModelClient } from '../../providers/factory';
import { EXIT_OK, UsageError, writeLine, type CliCommand } from '../command';
import { createCliProviderDeps, reportModelError } from '../provider-deps';
import { PROVIDER_FLAG_OPTIONS, PROVIDER_OPTIONS_USAGE, providerFlagsFrom, resolveProviderProfile } from '../provider-options';

const USAGE = `Usage: crosswind whoami [--provider bedrock|azure|openai] [provider options] [--json]

Shows the identity the provider's credentials resolve to: the AWS caller ARN, the Entra ID user or app
(from its access token), or which API key is in use (its last four characters).

Options:
  --json               One JSON object on stdout

${PROVIDER_OPTIONS_USAGE}`;

export const whoamiCommand: CliCommand = {
  name: 'whoami',
  summary: 'Show the identity a provider’s credentials resolve to',
  usage: USAGE,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { ...PROVIDER_FLAG_OPTIONS, json: { type: 'boolean' } }, allowPositionals: false, strict: true });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const profile = resolveProviderProfile(providerFlagsFrom(parsed.values), io.env, { modelRequired: false });
    try {
      const identity = await createModelClient(profile, createCliProviderDeps(io.env, io.stderr)).whoami();
      if (parsed.values.json) {
        writeLine(io.stdout, JSON.stringify(identity));
        return EXIT_OK;
      }
      writeLine(io.stdout, `provider   ${identity.provider}`);
      writeLine(io.stdout, `principal  ${identity.principal}`);
      if (identity.account) writeLine(io.stdout, `account    ${identity.account}`);
      if (identity.tenantId) writeLine(io.stdout, `tenant     ${identity.tenantId}`);
      if (identity.source) writeLine(io.stdout, `source     ${identity.source}`);
      return EXIT_OK;
    } catch (e) {
      return reportModelError(e, 'whoami', io.stderr);
    }
  },
};
