// The protocol, declared once: every shape that crosses a process or webview boundary.
export * from './common';
export * from './providers';
export * from './config';
export * from './patch';
export * from './items';
export * from './cost';
export * from './methods';
export * from './webview';
export * from './tools';
