// The AWS profiles the provider picker offers, read from ~/.aws/config and ~/.aws/credentials (or
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) with a small INI reader: the engine's reader lives in
// src/providers, which the extension may not import. Only names, region and whether a profile signs in
// through IAM Identity Center are read; no key is ever kept. Pure Node, no vscode: unit-tested.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

type Env = Record<string, string | undefined>;
type Sections = Map<string, Record<string, string>>;

const SECRET_KEYS = /secret|token|password/;

export interface AwsProfileEntry {
  name: string;
  /** Signs in through IAM Identity Center (sso_session or the legacy sso_start_url). */
  sso: boolean;
  region?: string;
  /** Has static keys in the credentials file. */
  hasKeys: boolean;
  /** Assumes a role (role_arn) or runs a credential_process. */
  kind: 'sso' | 'keys' | 'assumeRole' | 'process' | 'other';
}

export function awsConfigPaths(env: Env): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  return {
    config: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

/** INI as the AWS CLI reads it: [section], key = value, # and ; comments, indented lines continue a sub-section (ignored). */
export function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Record<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    if (/^\s/.test(rawLine) && current && rawLine.trim()) continue; // nested value (e.g. s3 = \n  max_concurrent_requests = 10)
    const line = rawLine.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    // Secrets are noted as present, never kept.
    current[key] = SECRET_KEYS.test(key) ? '(set)' : line.slice(eq + 1).replace(/\s[#;].*$/, '').trim();
  }
  return sections;
}

/** Config-file section name → profile name: "default", "profile dev" → "dev"; sso-session and services sections are not profiles. */
function configProfileName(section: string): string | undefined {
  if (section === 'default') return 'default';
  const m = /^profile\s+(.+)$/.exec(section);
  return m ? m[1]!.trim() : undefined;
}

/** Every profile of both files, "default" first, then by name. Missing or unreadable files count as empty. */
export async function listAwsProfiles(env: Env): Promise<AwsProfileEntry[]> {
  const paths = awsConfigPaths(env);
  const [configText, credentialsText] = await Promise.all([readOrEmpty(paths.config), readOrEmpty(paths.credentials)]);
  return awsProfilesFrom(configText, credentialsText);
}

export function awsProfilesFrom(configText: string, credentialsText: string): AwsProfileEntry[] {
  const config = new Map<string, Record<string, string>>();
  for (const [section, values] of parseIni(configText)) {
    const name = configProfileName(section);
    if (name) config.set(name, { ...config.get(name), ...values });
  }
  const credentials = parseIni(credentialsText);
  const names = new Set([...config.keys(), ...credentials.keys()]);
  const entries = [...names].map((name): AwsProfileEntry => {
    const values = { ...config.get(name), ...credentials.get(name) };
    const sso = Boolean(values.sso_session || values.sso_start_url);
    const hasKeys = Boolean(values.aws_access_key_id);
    const kind = sso ? 'sso' : values.role_arn ? 'assumeRole' : values.credential_process ? 'process' : hasKeys ? 'keys' : 'other';
    return { name, sso, hasKeys, kind, ...(values.region ? { region: values.region } : {}) };
  });
  return entries.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return '';
  }
}
