// The protocol, declared once: every shape that crosses a process or webview boundary. Declarations only
// (zod schemas, the types derived from them, constants both ends must agree on); what computes with
// them lives in src/shared.
export * from './common';
export * from './providers';
export * from './config';
export * from './mcp';
export * from './patch';
export * from './items';
export * from './checkpoints';
export * from './instructions';
export * from './cost';
export * from './methods';
export * from './mentions';
export * from './webview';
export * from './tools';
export * from './command-deny';
export * from './audit-key';
export * from './cloud-task';
