// The variables of VS Code's mcp.json that make sense outside the editor's UI: `${workspaceFolder}`,
// `${userHome}`, `${pathSeparator}` and `${env:NAME}`. (`${input:…}` needs a prompt; the configuration
// parser has already marked such a server unusable.) An unknown variable is left as written.
import os from 'node:os';
import path from 'node:path';

export interface VariableValues {
  workspaceFolder: string;
  env: NodeJS.ProcessEnv;
}

export function substituteVariables(text: string, v: VariableValues): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === 'workspaceFolder') return v.workspaceFolder;
    if (name === 'workspaceFolderBasename') return path.basename(v.workspaceFolder);
    if (name === 'userHome') return v.env.HOME ?? os.homedir();
    if (name === 'pathSeparator' || name === '/') return path.sep;
    if (name.startsWith('env:')) return v.env[name.slice(4)] ?? '';
    return whole;
  });
}
