// What the engine tells the editor in its `initialize` answer.
import { CodeActionKind, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { PROTOCOL_VERSION, TOOL_NAMES, type EngineCapabilities } from '../protocol';

declare const CROSSWIND_VERSION: string | undefined;
export const ENGINE_VERSION: string = typeof CROSSWIND_VERSION === 'string' ? CROSSWIND_VERSION : 'dev';

export function engineCapabilities(): EngineCapabilities {
  return {
    protocolVersion: PROTOCOL_VERSION,
    engineVersion: ENGINE_VERSION,
    tools: [...TOOL_NAMES],
    providers: ['bedrock', 'azure', 'openai'],
    processId: process.pid,
  };
}

export function initializeResult(): InitializeResult {
  return {
    serverInfo: { name: 'crosswind-engine', version: ENGINE_VERSION },
    capabilities: {
      // Incremental sync of open documents: the engine reads unsaved buffers, not stale disk contents.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      experimental: { crosswind: engineCapabilities() },
    },
  };
}
