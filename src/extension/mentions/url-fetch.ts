// `@https://…`: a web page attached as text, fetched by the editor only after the user agreed to it for
// this URL (the page goes to the model, and a request leaves the machine). A redirect within the same
// origin is followed; one to another origin is asked about again (the user agreed to a site, not to
// wherever it sends them). HTML is reduced to its text; what is read is capped, and a slow or huge
// answer is cut off rather than waited for.
import * as vscode from 'vscode';
import { MAX_MENTION_TEXT, type Attachment } from '../../protocol';
import { redactSecrets } from '../../shared';
import { htmlText } from './mention-text';

const FETCH_TIMEOUT_MS = 15_000;
/** Redirects followed at most, as browsers cap them (a loop ends here). */
const MAX_REDIRECTS = 5;
/** Bytes read from the response at most: enough for the text of a long article. */
const MAX_BODY_BYTES = 2_000_000;

/** Asks the user whether to fetch `url`: true to fetch. */
export type UrlConsent = (url: string) => Thenable<boolean>;

const askInModal: UrlConsent = async (url) =>
  (await vscode.window.showWarningMessage(`Fetch ${url} for the model?`, { modal: true, detail: 'Crosswind will download this page and send its text to the model with your message.' }, 'Fetch')) === 'Fetch';

/** The page as a `url` attachment; undefined when the user declined; a string says why it failed. */
export async function fetchPageWithConsent(url: string, consent: UrlConsent = askInModal): Promise<Attachment | string | undefined> {
  if (!(await consent(url))) return undefined;
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let response: Response;
  let at = url;
  for (let redirects = 0; ; redirects++) {
    try {
      response = await fetch(at, { signal, redirect: 'manual', headers: { accept: 'text/html, text/plain;q=0.9, */*;q=0.1' } });
    } catch (e) {
      return `Could not fetch ${at}: ${e instanceof Error ? e.message : String(e)}`;
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (location === null) break;
    await response.body?.cancel();
    if (redirects === MAX_REDIRECTS) return `Could not fetch ${url}: more than ${MAX_REDIRECTS} redirects.`;
    const next = new URL(location, at);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') return `Could not fetch ${url}: it redirects to ${next.protocol} (only http and https pages are fetched).`;
    if (next.origin !== new URL(at).origin && !(await consent(next.href))) return undefined;
    at = next.href;
  }
  if (!response.ok) return `Could not fetch ${url}: the server answered ${response.status} ${response.statusText}.`;
  const type = response.headers.get('content-type') ?? '';
  if (!/^(text\/|application\/(json|xml|xhtml\+xml))/i.test(type)) return `${url} is not a text page (${type || 'no content type'}).`;
  const body = await readCapped(response);
  const text = redactSecrets(/html|xml/i.test(type) ? htmlText(body) : body.trim());
  return { type: 'url', url, text: text.length > MAX_MENTION_TEXT ? `${text.slice(0, MAX_MENTION_TEXT - 40)}\n[… the rest of the page left out]` : text };
}

async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES));
}
