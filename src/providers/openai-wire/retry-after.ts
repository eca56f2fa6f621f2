// How long the service asked us to wait. OpenAI and Azure send `retry-after-ms` (milliseconds, may be
// fractional) and/or `retry-after` (seconds or an HTTP date); some 429 bodies only say it in words
// ("Please retry after 20 seconds", "Please try again in 1.5s").

interface HeaderReader {
  get(name: string): string | null;
}

export function retryAfterMsFrom(headers: HeaderReader | undefined, message: string, now: () => number = Date.now): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms) {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return Math.round(n);
  }
  const after = headers?.get('retry-after');
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, at - now());
  }
  const said = /(?:retry after|try again in)\s+(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|sec(?:ond)?s?)?\b/i.exec(message);
  if (said) {
    const n = Number(said[1]);
    return Math.round(/^ms|^milli/i.test(said[2] ?? '') ? n : n * 1000);
  }
  return undefined;
}
