// Cost arithmetic lives in the protocol so the extension and the webview, which may import nothing else,
// add and format costs exactly as the engine does. Re-exported here for the engine's cost modules.
export * from '../../protocol/cost-math';
