// What `crosswind models` and `crosswind whoami` share: the provider flags each takes and --json, the client made
// from them, and the typed error (with its fix) when the cloud refuses.
import { parseArgs } from 'node:util';
import type { ModelClient } from '../core/model/types';
import type { ProviderProfile } from '../protocol';
import { createModelClient } from '../providers/factory';
import { UsageError, type CliIO } from './command';
import { createCliProviderDeps, reportModelError } from './provider-deps';
import { providerFlagOptions, providerFlagsFrom, resolveProviderProfile, type ProviderFlagName } from './provider-options';

export interface ProviderCommandContext {
  client: ModelClient;
  profile: ProviderProfile;
  json: boolean;
}

export async function runProviderCommand(
  name: string,
  args: string[],
  io: CliIO,
  flags: readonly ProviderFlagName[],
  run: (ctx: ProviderCommandContext) => Promise<number>,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...providerFlagOptions(flags), json: { type: 'boolean' } }, allowPositionals: false, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const profile = resolveProviderProfile(providerFlagsFrom(parsed.values), io.env, { modelRequired: false });
  try {
    const client = createModelClient(profile, createCliProviderDeps(io.env, io.stderr));
    return await run({ client, profile, json: parsed.values.json === true });
  } catch (e) {
    return reportModelError(e, name, io.stderr);
  }
}
