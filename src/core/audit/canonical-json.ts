// Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, undefined members dropped,
// JSON.stringify's own rules for everything else. Hashes are taken over this text, so the same value
// always hashes the same, and a record parsed back from the log re-canonicalises to the same bytes:
// canonicalJson(JSON.parse(canonicalJson(x))) === canonicalJson(x).

export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

/** Deeper than any audit event or tool argument we hash; beyond it the value is cyclic or hostile. */
const MAX_DEPTH = 200;

function write(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new RangeError('canonicalJson: value nested too deeply (cyclic?)');
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return JSON.stringify(Number.isFinite(value) ? value : null);
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) {
    // JSON.stringify writes holes and undefined elements as null; so do we.
    return `[${value.map((v) => (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : write(v, depth + 1))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return write(withToJson.toJSON(), depth + 1);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined && typeof record[k] !== 'function' && typeof record[k] !== 'symbol')
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], depth + 1)}`).join(',')}}`;
  }
  // undefined, functions and symbols at the top level: JSON has no spelling for them.
  return 'null';
}
