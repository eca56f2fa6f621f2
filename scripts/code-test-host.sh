#!/bin/sh
# The "VS Code executable" given to @vscode/test-electron's runTests (vscodeExecutablePath): runs the
# extension's integration suite inside code-server's extension host. See test/integration/host.ts.
here=$(cd "$(dirname "$0")/.." && pwd)
exec node --import tsx "$here/test/integration/host.ts" "$@"
