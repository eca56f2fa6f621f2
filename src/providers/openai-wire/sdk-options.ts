// Options every openai SDK client we build shares. Everything the SDK would otherwise read from
// process.env (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_ORG_ID, OPENAI_ADMIN_KEY, OPENAI_LOG…) is passed
// explicitly, so a profile means the same thing whatever the process environment holds.
import type { ClientOptions } from 'openai';
import type { Logger } from '../../core/ports/system';
import type { ProviderDeps } from '../deps';
import { cleanMessage } from './errors';
import { createWireFetch } from './http';

function sdkLogger(logger: Logger): NonNullable<ClientOptions['logger']> {
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string) => logger.log(level, cleanMessage(`openai sdk: ${message}`));
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export type CommonSdkOptions = Omit<ClientOptions, 'provider'>;

export function commonSdkOptions(deps: ProviderDeps): CommonSdkOptions {
  return {
    // Retries and backoff belong to the engine (src/core), which also fails over: one attempt here.
    maxRetries: 0,
    fetch: createWireFetch(deps),
    logger: sdkLogger(deps.logger),
    logLevel: 'warn',
    adminAPIKey: null,
    webhookSecret: null,
  };
}
