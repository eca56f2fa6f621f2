// The AWS CLI's shared files (~/.aws/config and ~/.aws/credentials), located from the environment the
// host gives us (HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) rather than from process.env, and
// read with the SDK's own INI loader so profile names and sections mean exactly what they mean to it.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

type Env = Record<string, string | undefined>;

export interface AwsFilePaths {
  home: string;
  config: string;
  credentials: string;
}

export interface AwsProfileSummary {
  name: string;
  /** Which file defines it. */
  source: 'config' | 'credentials' | 'both';
  /** Signs in through IAM Identity Center (sso_session or the legacy sso_start_url). */
  sso: boolean;
  region?: string;
}

export function awsHome(env: Env): string {
  return env.HOME || env.USERPROFILE || (env.HOMEPATH ? `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}` : homedir());
}

export function awsFilePaths(env: Env): AwsFilePaths {
  const home = awsHome(env);
  return {
    home,
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/** Config-file sections that are not profiles ([sso-session x], [services x]). */
const NOT_PROFILES = /^(sso-session|services)\./;

async function loadFiles(env: Env) {
  const paths = awsFilePaths(env);
  // ignoreCache: the user may have just run `aws configure` or `aws sso login`.
  const files = await loadSharedConfigFiles({ filepath: paths.credentials, configFilepath: paths.config, ignoreCache: true });
  const config = Object.fromEntries(Object.entries(files.configFile).filter(([name]) => !NOT_PROFILES.test(name)));
  return { config, credentials: files.credentialsFile };
}

function isSso(section: Record<string, string | undefined> | undefined): boolean {
  return Boolean(section && (section.sso_session || section.sso_start_url));
}

/** Every profile of both files, "default" first, for the editor's provider picker. */
export async function listAwsProfiles(env: Env): Promise<AwsProfileSummary[]> {
  const { config, credentials } = await loadFiles(env);
  const names = new Set([...Object.keys(config), ...Object.keys(credentials)]);
  const summaries = [...names].map((name): AwsProfileSummary => {
    const inConfig = name in config;
    const inCredentials = name in credentials;
    const region = config[name]?.region ?? credentials[name]?.region;
    return {
      name,
      source: inConfig && inCredentials ? 'both' : inConfig ? 'config' : 'credentials',
      sso: isSso(config[name]),
      ...(region ? { region } : {}),
    };
  });
  return summaries.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** One profile's settings, credentials-file values over config-file ones (as the CLI reads them). */
export async function readAwsProfile(env: Env, name: string): Promise<Record<string, string | undefined> | undefined> {
  const { config, credentials } = await loadFiles(env);
  if (!(name in config) && !(name in credentials)) return undefined;
  return { ...config[name], ...credentials[name] };
}
