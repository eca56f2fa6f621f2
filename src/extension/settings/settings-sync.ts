// Keeps the engine's settings in step with VS Code's: sent whenever the engine (re)starts, and again on
// every change to crosswind.* settings or to workspace trust.
import path from 'node:path';
import * as vscode from 'vscode';
import type { EngineSettings, ProviderKind } from '../../protocol';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';
import { affectsEngine, readEngineSettings } from './engine-settings';
import { mcpJsonFiles } from './mcp-settings';

export class SettingsSync extends Disposable {
  private settings: EngineSettings;
  private lastProblems = '';
  private readonly changedEmitter = this.register(new vscode.EventEmitter<EngineSettings>());
  readonly onDidChange = this.changedEmitter.event;

  constructor(
    private readonly engine: EngineConnection,
    private readonly log: vscode.LogOutputChannel,
    /** The user's own mcp.json (userMcpJsonPath), read with the workspace folders' .vscode/mcp.json. */
    private readonly userMcpJson?: string,
  ) {
    super();
    this.settings = this.read();
    // An mcp.json created, edited or deleted changes the servers as a settings change would.
    for (const file of mcpJsonFiles(userMcpJson)) {
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file))));
      for (const on of [watcher.onDidCreate, watcher.onDidChange, watcher.onDidDelete]) this.register(on(() => this.refresh()));
    }
    this.register(engine.onDidChangeState((s) => s === 'running' && void this.push()));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => affectsEngine(e) && this.refresh()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()));
  }

  get current(): EngineSettings {
    return this.settings;
  }

  activeProfile(): { name: string; provider: ProviderKind; model: string } | undefined {
    const name = this.settings.activeProfile;
    const p = this.settings.profiles.find((x) => x.name === name) ?? this.settings.profiles[0];
    return p ? { name: p.name, provider: p.provider, model: p.provider === 'azure' ? p.deployment : p.model } : undefined;
  }

  /** Re-reads the settings and sends them to the engine. */
  refresh(): void {
    this.settings = this.read();
    this.changedEmitter.fire(this.settings);
    void this.push();
  }

  private read(): EngineSettings {
    const { settings, problems } = readEngineSettings(this.userMcpJson);
    const text = problems.join('\n');
    if (text && text !== this.lastProblems) {
      this.log.warn(`Settings problems:\n${text}`);
      void vscode.window.showWarningMessage(`Crosswind: some settings are invalid and were ignored. ${problems[0]}`, 'Open Settings').then((pick) => {
        if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', 'crosswind');
      });
    }
    this.lastProblems = text;
    return settings;
  }

  private async push(): Promise<void> {
    if (this.engine.state !== 'running') return;
    try {
      await this.engine.request('settings/update', { settings: this.settings });
    } catch (e) {
      this.log.error(`Could not send the settings to the engine: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
