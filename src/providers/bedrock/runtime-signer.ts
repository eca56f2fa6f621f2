// SigV4 for bedrock-runtime's OpenAI-compatible routes (/openai/v1/…, service `bedrock`). The openai
// SDK's Bedrock provider signs only for `bedrock-mantle`, so for the runtime route the fetch the SDK
// uses signs each request with the AWS SDK's own signer (@smithy/signature-v4) — the same library,
// canonicalisation and credential chain as every other AWS call here, not a hand-made signature.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { FetchFn } from '../openai-wire/stream-guard';

export interface SigV4FetchOptions {
  region: string;
  service: string;
  credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
}

function urlOf(input: string | URL | Request): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

/** Wraps `base` so every request is signed; the SDK's own Authorization header is dropped first. */
export function sigv4Fetch(base: FetchFn, opts: SigV4FetchOptions): FetchFn {
  const signer = new SignatureV4({ credentials: opts.credentials, region: opts.region, service: opts.service, sha256: Hash.bind(null, 'sha256') });
  return async (input, init) => {
    const url = urlOf(input);
    const headers = new Headers(init?.headers);
    headers.delete('authorization');
    headers.delete('x-amz-date');
    headers.delete('x-amz-security-token');
    headers.set('host', url.host);
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw new Error('SigV4 needs a replayable request body (a string).');
    }
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    const signed = await signer.sign({
      method: (init?.method ?? 'GET').toUpperCase(),
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers: Object.fromEntries(headers.entries()),
      ...(typeof body === 'string' ? { body } : {}),
    });
    return base(input, { ...init, headers: signed.headers });
  };
}
