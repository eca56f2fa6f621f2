// highlight.js ships types for its full build and its language modules, not for the core entry the
// webview imports (to bundle only the languages it registers); the core has the same API.
declare module 'highlight.js/lib/core' {
  import type { HLJSApi } from 'highlight.js';
  const hljs: HLJSApi;
  export default hljs;
}
