// OAuth for a streamable-HTTP MCP server, on the SDK's own client flow (discovery, dynamic client
// registration, PKCE, token refresh are the SDK's): this is the OAuthClientProvider it asks for state.
// The redirect is RFC 8252's loopback: a small HTTP server on 127.0.0.1, listening only while the SDK is
// in its auth flow and a sign-in waits, closed after (or after SIGN_IN_TIMEOUT_MS). The browser is opened
// by the front end (the editor asks the user first; the CLI cannot, and the server is reported failed).
// Tokens and the client registration are secrets: in memory here, and saved by the front end
// (SecretStorage) so a restart does not ask again; every token is registered for redaction.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { registerSecret } from '../../shared';

/** How long a sign-in may wait for the browser to come back with a code. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
/** What a server that needs a sign-in reports when no browser can be opened (the CLI, a refusal). */
export const SIGN_IN_NEEDED = 'needs an OAuth sign-in; sign in from the editor';

/** What the engine asks its front end for (engine→client requests mcp/authorize, mcp/oauthLoad, mcp/oauthSave). */
export interface McpOAuthFrontEnd {
  authorize(server: string, url: string): Promise<{ opened: boolean }>;
  load(key: string): Promise<string | null>;
  save(key: string, value: string | null): Promise<void>;
}

/** What is saved per server: the SDK's client registration and tokens, and the loopback port registered. */
interface SavedState {
  client?: OAuthClientInformationMixed;
  tokens?: OAuthTokens;
  port?: number;
}

export class McpOAuthProvider implements OAuthClientProvider {
  private saved: SavedState = {};
  private loaded: Promise<void> | undefined;
  private listener: LoopbackListener | undefined;
  private verifier = '';
  private expectedState = '';
  private authorizationUrl: URL | undefined;

  constructor(
    private readonly server: string,
    private readonly serverUrl: string,
    private readonly frontEnd: McpOAuthFrontEnd,
  ) {}

  /** The SecretStorage key of this server's state: its name and URL (a changed URL signs in again). */
  get key(): string {
    return `crosswind.mcp.oauth/${this.server}/${this.serverUrl}`;
  }

  /** Reads the saved state once (a failure to read is an empty state: the user signs in again). */
  load(): Promise<void> {
    return (this.loaded ??= this.frontEnd.load(this.key).then(
      (value) => {
        if (!value) return;
        try {
          this.saved = JSON.parse(value) as SavedState;
          registerTokens(this.saved.tokens);
          registerSecret(this.saved.client?.client_secret);
        } catch {
          this.saved = {};
        }
      },
      () => undefined,
    ));
  }

  get redirectUrl(): string {
    return `http://127.0.0.1:${this.listener?.port ?? this.saved.port ?? 0}/callback`;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Crosswind',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  /**
   * The SDK's auth flow starts here (its first call, and the first that may wait): the loopback listener
   * starts now, on the port registered before when it is free; on another port the old registration
   * (bound to the old redirect URI) is dropped and the SDK registers again.
   */
  async discoveryState(): Promise<undefined> {
    if (!this.listener || this.listener.closed) {
      this.listener = await LoopbackListener.start(this.saved.port, SIGN_IN_TIMEOUT_MS);
      if (this.saved.port !== this.listener.port && this.saved.client) {
        delete this.saved.client;
        delete this.saved.tokens;
      }
    }
    return undefined;
  }

  state(): string {
    this.expectedState = randomBytes(16).toString('hex');
    return this.expectedState;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.saved.client;
  }

  async saveClientInformation(info: OAuthClientInformationMixed): Promise<void> {
    registerSecret(info.client_secret);
    this.saved.client = info;
    if (this.listener) this.saved.port = this.listener.port;
    await this.persist();
  }

  tokens(): OAuthTokens | undefined {
    return this.saved.tokens;
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    registerTokens(tokens);
    this.saved.tokens = tokens;
    await this.persist();
  }

  /** Only noted: the connection asks the front end to open it (signIn), once the SDK's connect has failed. */
  redirectToAuthorization(url: URL): void {
    this.authorizationUrl = url;
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    return this.verifier;
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'all' || scope === 'client') delete this.saved.client;
    if (scope === 'all' || scope === 'tokens') delete this.saved.tokens;
    await this.persist();
  }

  /**
   * After the SDK asked for a redirect: the front end opens the authorization URL (or cannot), and the
   * code comes back to the loopback listener. Rejects with the reason the server is then reported failed.
   */
  async signIn(): Promise<string> {
    const url = this.authorizationUrl;
    const listener = this.listener;
    if (!url || !listener || listener.closed) throw new Error('the server asked for an OAuth sign-in the client could not start');
    // Only a web page: a server's metadata must not make the front end open another kind of link.
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`the server's authorization URL is not a web page (${url.protocol})`);
    this.authorizationUrl = undefined;
    // Waiting before the browser opens: the redirect can come back before `authorize` answers.
    const code = listener.code(this.expectedState, SIGN_IN_TIMEOUT_MS);
    code.catch(() => undefined);
    const { opened } = await this.frontEnd.authorize(this.server, url.toString()).catch(() => ({ opened: false }));
    if (!opened) {
      listener.cancel();
      throw new Error(SIGN_IN_NEEDED);
    }
    return code;
  }

  /** Ends the loopback listener (the auth flow is over, or the connection is closed). */
  finish(): void {
    this.listener?.close();
    this.listener = undefined;
  }

  private async persist(): Promise<void> {
    const empty = !this.saved.client && !this.saved.tokens;
    await this.frontEnd.save(this.key, empty ? null : JSON.stringify(this.saved)).catch(() => undefined);
  }
}

function registerTokens(tokens: OAuthTokens | undefined): void {
  registerSecret(tokens?.access_token);
  registerSecret(tokens?.refresh_token);
}

/** The RFC 8252 redirect target: `/callback?code=…&state=…` on 127.0.0.1. */
class LoopbackListener {
  private waiting: { state: string; resolve(code: string): void; reject(e: Error): void } | undefined;
  private readonly lifetime: ReturnType<typeof setTimeout>;
  closed = false;

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
    maxLifeMs: number,
  ) {
    server.on('request', (req, res) => this.handle(req, res));
    // Bounded even when nobody closes it (a refresh that needed no browser, a flow the SDK abandoned).
    this.lifetime = setTimeout(() => this.close(), maxLifeMs);
    this.lifetime.unref();
  }

  static async start(preferredPort: number | undefined, maxLifeMs: number): Promise<LoopbackListener> {
    const listen = (port: number) =>
      new Promise<http.Server>((resolve, reject) => {
        const server = http.createServer();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve(server));
      });
    const server = preferredPort ? await listen(preferredPort).catch(() => listen(0)) : await listen(0);
    return new LoopbackListener(server, (server.address() as AddressInfo).port, maxLifeMs);
  }

  /** The code of the redirect carrying `state`, within `timeoutMs`. */
  code(state: string, timeoutMs: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the OAuth sign-in was not completed within ${Math.round(timeoutMs / 60_000)} minutes`)), timeoutMs);
      const done = <T>(f: (v: T) => void) => (v: T) => {
        clearTimeout(timer);
        this.waiting = undefined;
        f(v);
      };
      this.waiting = { state, resolve: done(resolve), reject: done(reject) };
    });
  }

  cancel(): void {
    this.waiting?.reject(new Error('the OAuth sign-in was abandoned'));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.lifetime);
    this.cancel();
    this.server.closeAllConnections();
    this.server.close();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = (status: number, text: string) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    const waiting = this.waiting;
    if (url.pathname !== '/callback' || !waiting || url.searchParams.get('state') !== waiting.state) return void page(404, 'No Crosswind sign-in is waiting for this.');
    const code = url.searchParams.get('code');
    if (!code) {
      const error = url.searchParams.get('error_description') ?? url.searchParams.get('error') ?? 'no code';
      waiting.reject(new Error(`the OAuth sign-in failed: ${error}`));
      return void page(400, `Sign-in failed: ${error}. You can close this tab.`);
    }
    waiting.resolve(code);
    page(200, 'Signed in to the MCP server. You can close this tab and return to Crosswind.');
  }
}
