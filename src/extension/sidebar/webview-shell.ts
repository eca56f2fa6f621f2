// The sidebar's HTML shell, as plain text (no vscode import, so the webview UI tests serve exactly what
// the extension serves): a strict Content-Security-Policy with a nonce, no inline script, no eval, and
// only the built assets as resources. Everything else is rendered by dist/webview.js.

export interface ShellOptions {
  /** The origin resources may come from (webview.cspSource in VS Code). */
  cspSource: string;
  nonce: string;
  /** URLs of the built assets. */
  codiconsCss: string;
  webviewCss: string;
  /** Scripts to run, in order (the bundle last); each gets the nonce. */
  scripts: string[];
  /** Extra attributes for <body> (the tests set a theme; VS Code sets its own). */
  bodyAttributes?: string;
}

export function sidebarCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function sidebarShellHtml(o: ShellOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${sidebarCsp(o.cspSource, o.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${o.codiconsCss}">
<link rel="stylesheet" href="${o.webviewCss}">
<title>Crosswind</title>
</head>
<body${o.bodyAttributes ? ` ${o.bodyAttributes}` : ''}>
<div id="app" data-testid="app"></div>
${o.scripts.map((src) => `<script nonce="${o.nonce}" src="${src}"></script>`).join('\n')}
</body>
</html>`;
}
