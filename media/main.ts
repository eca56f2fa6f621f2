// Entry of dist/webview.js (and, through its CSS imports, dist/webview.css): starts the sidebar in the
// #app element of the shell the extension serves (src/extension/sidebar/webview-html.ts).
import './zod-jitless';
import './styles/index.css';
import { App } from './app';
import { acquireApi } from './vscode-api';

const root = document.getElementById('app');
if (root) new App(root, acquireApi());
else console.error('[crosswind] #app not found: the webview shell and the bundle do not match');
