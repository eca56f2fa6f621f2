// The protocol, declared once: every shape that crosses a process or webview boundary.
export * from './common';
export * from './providers';
export * from './config';
export * from './patch';
export * from './items';
export * from './cost';
export * from './cost-math';
export * from './cost-export';
export * from './methods';
export * from './webview';
export * from './tools';
export * from './redact';
export * from './cloud-env';
export * from './command-deny';
export * from './audit-key';
export * from './model-names';
export * from './hunk-title';
