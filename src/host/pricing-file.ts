// `--pricing FILE`: a JSON price table merged over the shipped one, in the shape the settings use:
//   {"bedrock/<model id>": {"input": 1.25, "output": 10, "cacheRead": 0.125, "cacheWrite": 1.25},
//    "azure/<deployment>": {…}, "openai/<model>": {…}}   (US dollars per million tokens)
// Errors name the file, the key and the field, so a typo in a 200-line rate card is found at once.
// Unknown fields are errors too: a misspelt "cachedRead" silently ignored would bill at the wrong rate.
import fs from 'node:fs/promises';
import { priceLayer, type PriceLayer } from '../core/cost/price-table';
import { PriceTable } from '../protocol';

const FIELDS = new Set(['input', 'output', 'cacheRead', 'cacheWrite']);

export class PricingFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PricingFileError';
  }
}

function describePath(path: readonly PropertyKey[]): string {
  const [key, ...rest] = path.map(String);
  return key === undefined ? 'the table' : `"${key}"${rest.length ? `.${rest.join('.')}` : ''}`;
}

/** Parses and validates a price table; `where` names it in errors ("rates.json", "crosswind.pricing"). */
export function parsePriceTable(text: string, where: string): PriceTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new PricingFileError(`${where} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new PricingFileError(`${where} must be a JSON object keyed "<provider>/<model or deployment>", e.g. {"openai/gpt-5.5": {"input": 5, "output": 30}}`);
  }
  for (const [key, price] of Object.entries(value)) {
    if (!price || typeof price !== 'object' || Array.isArray(price)) continue; // reported by the schema below
    for (const field of Object.keys(price)) {
      if (!FIELDS.has(field)) throw new PricingFileError(`${where}: "${key}" has an unknown field "${field}" (expected input, output, cacheRead, cacheWrite — US dollars per million tokens)`);
    }
  }
  const parsed = PriceTable.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'invalid_key') {
      throw new PricingFileError(`${where}: key ${describePath(issue.path)} must start with bedrock/, azure/ or openai/ followed by a model id or Azure deployment name`);
    }
    throw new PricingFileError(`${where}: ${describePath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

/** Loads a price table file as an override layer named after the file. */
export async function loadPricingFile(file: string): Promise<PriceLayer> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new PricingFileError(`cannot read the price table ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
  return priceLayer(`--pricing ${file}`, parsePriceTable(text, file));
}
