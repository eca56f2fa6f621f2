// The status bar item: cloud · model · session cost, or "Crosswind: select a provider". The tooltip has
// the profile, the session's and last turn's tokens and cost, today's spend once a turn has reported it,
// and Restricted Mode. A click opens the provider picker.
import * as vscode from 'vscode';
import { type Cost, type SessionStatus, type Usage } from '../protocol';
import { formatCost } from '../shared';
import { Disposable } from './disposable';
import type { EngineConnection } from './engine/engine-connection';
import { CLOUD_LABELS, CLOUD_SHORT } from './providers/profile-draft';
import type { ConversationController } from './sidebar/conversation-controller';
import { shortModel, statusCost, tokens } from './status-text';

export class CrosswindStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('crosswind.status', vscode.StatusBarAlignment.Right, 100));
  private dayCost: Cost | undefined;
  private lastTurn: { usage: Usage; cost: Cost; running: boolean } | undefined;
  private tooltipLines: string[] = [];

  constructor(
    conversation: ConversationController,
    engine: EngineConnection,
  ) {
    super();
    this.item.name = 'Crosswind';
    this.item.command = 'crosswind.selectProvider';
    this.register(conversation.onDidChangeStatus((s) => this.render(s)));
    this.register(
      engine.onNotification((n) => {
        if (n.method !== 'turn/completed' && n.method !== 'turn/updated') return;
        this.dayCost = n.params.dayCost;
        this.lastTurn = { usage: n.params.turn.usage, cost: n.params.turn.cost, running: n.method === 'turn/updated' };
        this.render(conversation.status());
      }),
    );
    this.render(conversation.status());
    this.item.show();
  }

  /** What the item shows (the integration tests read it; VS Code has no API for that). */
  get text(): string {
    return this.item.text;
  }

  /** The tooltip as plain lines. */
  get tooltipText(): string {
    return this.tooltipLines.join('\n');
  }

  private render(s: SessionStatus): void {
    const busy = s.engine === 'starting' || s.engine === 'restarting';
    const icon = busy ? '$(sync~spin)' : s.trusted ? '$(cloud)' : '$(shield)';
    const lines: string[] = [];
    if (!s.provider || !s.model) {
      this.item.text = `${icon} Crosswind: select a provider`;
      lines.push('No provider profile yet: click to choose a cloud and sign in.');
    } else {
      this.item.text = `${icon} ${CLOUD_SHORT[s.provider]} · ${shortModel(s.model)} · ${statusCost(s.sessionCost)}`;
      lines.push(`Profile ${s.profile ?? '?'} on ${CLOUD_LABELS[s.provider]}, model ${s.model}`);
      lines.push(`This session: ${formatCost(s.sessionCost)} · ${tokens(s.sessionUsage)}`);
      if (this.lastTurn) lines.push(`${this.lastTurn.running ? 'This turn so far' : 'Last turn'}: ${formatCost(this.lastTurn.cost)} · ${tokens(this.lastTurn.usage)}`);
      if (this.dayCost) lines.push(`Today, all conversations: ${formatCost(this.dayCost)}`);
      lines.push(`Approval policy: ${s.approvalPolicy}`);
    }
    if (!s.trusted) lines.push('Restricted Mode: Crosswind can read and chat, but it runs no command and applies no patch until you trust this workspace.');
    lines.push('Click to select or switch the provider.');
    this.tooltipLines = lines;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown('**Crosswind**\n\n');
    for (const line of lines) {
      md.appendText(line);
      md.appendMarkdown('\n\n');
    }
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `Crosswind: ${this.item.text.replace(/\$\([^)]*\)\s*/g, '')}. ${lines[0] ?? ''}`, role: 'button' };
    this.item.backgroundColor = s.trusted ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
  }
}
