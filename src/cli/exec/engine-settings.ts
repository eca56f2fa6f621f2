// The engine settings of a headless task, shared by `crosswind exec` and the tasks `crosswind serve` runs,
// so that a task in the cloud runs under exactly the rules it would run under on a laptop: trusted (the
// folder is the task's own), one profile, the shared default deny list always applied.
import { DEFAULT_COMMAND_DENY, EngineSettings, type ApprovalPolicy, type McpServerConfig, type ProviderProfile } from '../../protocol';

export interface HeadlessSettings {
  approval: ApprovalPolicy;
  profile: ProviderProfile;
  allow?: string[];
  /** Added to the default deny list, never replacing it. */
  deny?: string[];
  network?: boolean;
  perTurnUsd?: number;
  perDayUsd?: number;
  /** MCP tool servers (crosswind exec: .vscode/mcp.json and --mcp-config files). */
  mcpServers?: Record<string, McpServerConfig>;
  /** `server` or `server/tool` entries that run without asking under auto-edit. */
  mcpAllow?: string[];
}

export function headlessEngineSettings(s: HeadlessSettings): EngineSettings {
  return EngineSettings.parse({
    approvalPolicy: s.approval,
    trusted: true,
    profiles: [s.profile],
    activeProfile: s.profile.name,
    commandAllow: s.allow ?? [],
    commandDeny: [...DEFAULT_COMMAND_DENY, ...(s.deny ?? [])],
    shellNetwork: s.network ?? false,
    mcpServers: s.mcpServers ?? {},
    mcpAllow: s.mcpAllow ?? [],
    budgets: { ...(s.perTurnUsd ? { perTurnUsd: s.perTurnUsd } : {}), ...(s.perDayUsd ? { perDayUsd: s.perDayUsd } : {}) },
  });
}
