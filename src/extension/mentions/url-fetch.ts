// `@https://…`: a web page attached as text, fetched by the editor only after the user agreed to it for
// this URL (the page goes to the model, and a request leaves the machine). HTML is reduced to its text;
// what is read is capped, and a slow or huge answer is cut off rather than waited for.
import * as vscode from 'vscode';
import { MAX_MENTION_TEXT, type Attachment } from '../../protocol';
import { redactSecrets } from '../../shared';
import { htmlText } from './mention-text';

const FETCH_TIMEOUT_MS = 15_000;
/** Bytes read from the response at most: enough for the text of a long article. */
const MAX_BODY_BYTES = 2_000_000;

/** Asks the user whether to fetch `url`: true to fetch. */
export type UrlConsent = (url: string) => Thenable<boolean>;

const askInModal: UrlConsent = async (url) =>
  (await vscode.window.showWarningMessage(`Fetch ${url} for the model?`, { modal: true, detail: 'Crosswind will download this page and send its text to the model with your message.' }, 'Fetch')) === 'Fetch';

/** The page as a `url` attachment; undefined when the user declined; a string says why it failed. */
export async function fetchPageWithConsent(url: string, consent: UrlConsent = askInModal): Promise<Attachment | string | undefined> {
  if (!(await consent(url))) return undefined;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow', headers: { accept: 'text/html, text/plain;q=0.9, */*;q=0.1' } });
  } catch (e) {
    return `Could not fetch ${url}: ${e instanceof Error ? e.message : String(e)}`;
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
