// The shared pure layer: logic every side runs the same way — the engine, the CLI, the extension and the
// webview — over the protocol's types. Imports only src/protocol and zod; no Node, no DOM, no vscode.
export * from './cost-math';
export * from './cost-export';
export * from './redact';
export * from './cloud-env';
export * from './model-names';
export * from './hunk-title';
export * from './secret-ids';
export * from './engine-error';
export * from './image-type';
export * from './bounded-text';
export * from './mcp-config';
export * from './cloud-availability';
export * from './workspace-folders';
