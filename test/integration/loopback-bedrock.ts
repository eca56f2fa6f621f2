// A loopback Amazon Bedrock inside the extension host, and the extension pointed at it the way a user
// would: a profile in the workspace settings and a Bedrock API key in SecretStorage (the engine process
// was started before the test, so its environment cannot carry credentials).
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import { startBedrockServer, type BedrockServer } from '../support/bedrock-server';
import { lastToolResult as lastToolResultOf, type ReceivedRequest } from '../support/scripted-model';
import { waitFor } from './helpers';

const PROFILE = 'it-bedrock';
const SECRET_ID = 'crosswind.it.bedrockApiKey';
const API_KEY = 'bedrock-api-key-integration-0123456789';

export interface LoopbackBedrock {
  server: BedrockServer;
  close(): Promise<void>;
}

export async function useLoopbackBedrock(services: ExtensionServices): Promise<LoopbackBedrock> {
  const server = await startBedrockServer({
    credentials: { accessKeyId: 'AKIDINTEGRATION00001', secretAccessKey: 'integration/secret/key/0000000000000001' },
    region: 'us-east-1',
    bearerToken: API_KEY,
  });
  await services.context.secrets.store(SECRET_ID, API_KEY);
  await setWorkspaceSettings({
    'crosswind.activeProfile': PROFILE,
    'crosswind.profiles': [
      {
        name: PROFILE,
        provider: 'bedrock',
        model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
        region: 'us-east-1',
        endpoint: server.url,
        auth: { type: 'apiKey', secretId: SECRET_ID },
      },
    ],
  });
  // The engine knows the profile once settings/update reached it.
  await waitFor(
    'the engine to accept the loopback profile',
    () =>
      services.engine.request('provider/test', { profile: PROFILE }).then(
        () => true,
        () => false,
      ),
    30_000,
  );
  return { server, close: () => server.close() };
}

/**
 * Writes `.vscode/settings.json` of the test workspace and waits until VS Code has read it. Written as a
 * file, like a user would, because settings another engineer has not declared yet cannot be set through
 * the configuration API.
 */
export async function setWorkspaceSettings(values: Record<string, unknown>): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder');
  // A multi-root workspace reads window settings from its .code-workspace file, not from a folder's.
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') {
    const config = JSON.parse(fs.readFileSync(workspaceFile.fsPath, 'utf8')) as { settings?: Record<string, unknown> };
    fs.writeFileSync(workspaceFile.fsPath, JSON.stringify({ ...config, settings: { ...config.settings, ...values } }, null, 2));
    await waitFor('VS Code to read the workspace settings', () =>
      Object.entries(values).every(([k, v]) => JSON.stringify(vscode.workspace.getConfiguration().get(k)) === JSON.stringify(v)),
    );
    return;
  }
  const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, JSON.stringify({ ...current, ...values }, null, 2));
  await waitFor('VS Code to read the workspace settings', () =>
    Object.entries(values).every(([k, v]) => JSON.stringify(vscode.workspace.getConfiguration().get(k)) === JSON.stringify(v)),
  );
}

/** The text of the last tool result the model received in a request ('' when it carried none). */
export function lastToolResult(request: ReceivedRequest | undefined): string {
  try {
    return lastToolResultOf(request).output;
  } catch {
    return '';
  }
}

/** Everything the user sent in a request (their words and the attached context). */
export function userText(request: ReceivedRequest | undefined): string {
  return (request?.messages ?? []).flatMap((m) => (m.role === 'user' && 'text' in m ? [m.text] : [])).join('\n');
}
