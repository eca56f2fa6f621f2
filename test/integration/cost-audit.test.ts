// After a real turn on a loopback Bedrock: the status bar's session cost, "Show Cost Report" (rendered,
// with "on the other clouds", exported to CSV/JSON byte for byte as the protocol's exporters write the
// engine's report), and "Show Audit Log" (verdict on top, and a loud warning once the file is tampered with).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { type CostReport } from '../../src/protocol';
import { costAlternativesToCsv, costReportToCsv, formatUsd } from '../../src/shared';
import type { ExtensionServices } from '../../src/extension/services';
import { crosswind, waitFor } from './helpers';
import { useLoopbackBedrock, type LoopbackBedrock } from './loopback-bedrock';

const OTHER_PROFILE = { name: 'it-cost-global', provider: 'bedrock', region: 'us-west-2', model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', auth: { type: 'chain' } };

async function setWorkspaceProfiles(update: (list: unknown[]) => unknown[]): Promise<void> {
  const config = vscode.workspace.getConfiguration('crosswind');
  const list = config.inspect<unknown[]>('profiles')?.workspaceValue ?? [];
  await config.update('profiles', update([...list]), vscode.ConfigurationTarget.Workspace);
}

describe('Cost report, status bar cost and audit log', function () {
  this.timeout(120_000);
  let services: ExtensionServices;
  let cloud: LoopbackBedrock;
  let dir: string;

  before(async () => {
    services = (await crosswind()).services;
    cloud = await useLoopbackBedrock(services);
    // The same model through global cross-region inference (list price, not the regional one), so "on the
    // other clouds" has something to compare.
    await setWorkspaceProfiles((list) => [...list.filter((p) => (p as { name?: string }).name !== OTHER_PROFILE.name), OTHER_PROFILE]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-cost-'));
    cloud.server.script([{ steps: [{ type: 'text', text: 'Hello from the loopback cloud.' }] }]);
    const completed = new Promise<void>((resolve) => {
      const sub = services.engine.onNotification((n) => {
        if (n.method === 'turn/completed') {
          sub.dispose();
          resolve();
        }
      });
    });
    await services.conversation.newThread();
    await services.conversation.startTurn('Say hello.');
    await completed;
  });

  after(async () => {
    await setWorkspaceProfiles((list) => list.filter((p) => (p as { name?: string }).name !== OTHER_PROFILE.name));
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
      const input = tab.input;
      if ((input instanceof vscode.TabInputWebview && input.viewType.includes('crosswind.costReport')) || (input instanceof vscode.TabInputText && input.uri.scheme === 'crosswind-audit')) {
        await vscode.window.tabGroups.close(tab);
      }
    }
    await cloud.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the session cost in the status bar, and today’s spend in its tooltip', async () => {
    const status = services.conversation.status();
    const expected = status.sessionCost.usd === null ? 'cost unknown' : formatUsd(status.sessionCost.usd);
    await waitFor('the status bar to show the session cost', () => services.statusBar.text.endsWith(` · ${expected}`) && services.statusBar.tooltipText.includes('Today, all conversations'));
    assert.ok(status.sessionUsage.inputTokens > 0);
    // The same short name as the sidebar's header, whatever inference-profile prefix and version the id has.
    assert.match(services.statusBar.text, /Bedrock · claude-sonnet-4-5 · /);
    assert.match(services.statusBar.tooltipText, /Last turn: .+ in \/ .+ out tokens/);
  });

  it('renders spend by day × provider × model, totals and "on the other clouds"', async () => {
    const report = await vscode.commands.executeCommand<CostReport>('crosswind.showCostReport', 'all');
    assert.ok(report.rows.length >= 1);
    const html = services.costReport.currentHtml;
    assert.ok(services.costReport.isOpen);
    assert.match(html, /<h1>Crosswind cost report<\/h1>/);
    assert.match(html, /data-testid="by-day"/);
    assert.match(html, /data-testid="by-model"/);
    assert.ok(html.includes('anthropic.claude-sonnet-4-5-20250929-v1:0'));
    assert.ok(html.includes(new Date(report.until).toISOString().slice(0, 10)), 'today is a row');
    assert.match(html, /On the other clouds/);
    assert.ok(report.alternatives.some((a) => a.profile === OTHER_PROFILE.name), JSON.stringify(report.alternatives));
    assert.match(html, /data-testid="alternatives"/);
    assert.ok(html.includes(OTHER_PROFILE.name));
    // Strict policy: no script at all, styles by nonce only.
    assert.match(html, /script-src 'none'/);
    assert.doesNotMatch(html, /<script/);
  });

  it('exports CSV and JSON exactly as the protocol exporters write the engine’s report', async () => {
    await vscode.commands.executeCommand('crosswind.costReportPeriod', 'all');
    const csvFile = vscode.Uri.file(path.join(dir, 'spend.csv'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('crosswind.exportCostReport', 'csv', csvFile);
    assert.equal(written?.fsPath, csvFile.fsPath);
    const engineReport = await services.engine.request('cost/report', {});
    assert.equal(fs.readFileSync(csvFile.fsPath, 'utf8'), costReportToCsv(engineReport));

    const altFile = vscode.Uri.file(path.join(dir, 'other-clouds.csv'));
    await vscode.commands.executeCommand('crosswind.exportCostReport', 'alternatives-csv', altFile);
    assert.equal(fs.readFileSync(altFile.fsPath, 'utf8'), costAlternativesToCsv(engineReport));

    const jsonFile = vscode.Uri.file(path.join(dir, 'report.json'));
    await vscode.commands.executeCommand('crosswind.exportCostReport', 'json', jsonFile);
    const json = JSON.parse(fs.readFileSync(jsonFile.fsPath, 'utf8')) as CostReport;
    assert.deepEqual(json.rows, engineReport.rows);
    assert.deepEqual(json.alternatives, engineReport.alternatives);
  });

  it('the "today" period asks the engine for spend since UTC midnight', async () => {
    await vscode.commands.executeCommand('crosswind.costReportPeriod', 'today');
    const report = services.costReport.currentReport!;
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    assert.equal(report.since, midnight.getTime());
    assert.match(services.costReport.currentHtml, /aria-current="true" class="current">Today</);
  });

  it('opens the audit log readably with its verdict, and warns when the chain is broken', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('crosswind.showAuditLog');
    assert.equal(editor.document.uri.scheme, 'crosswind-audit');
    const text = editor.document.getText();
    assert.match(text, /^Crosswind audit log\nFile: {4}.+\nVerdict: OK: \d+ records?, chain intact\n/);
    assert.ok(text.split('\n').length > 4, text);
    const result = services.auditLog.lastResult!;
    assert.ok(result.exists && result.intact);

    // Someone edits a record after the fact: the view says so at the top.
    const original = fs.readFileSync(result.path, 'utf8');
    const lines = original.split('\n');
    const edited = lines.findIndex((l) => l.includes('claude-sonnet-4-5'));
    assert.ok(edited >= 0, 'a model request record names the model');
    lines[edited] = lines[edited]!.replace('claude-sonnet-4-5', 'claude-sonnet-9-9');
    fs.writeFileSync(result.path, lines.join('\n'));
    try {
      await vscode.commands.executeCommand('crosswind.showAuditLog');
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'crosswind-audit')!;
      await waitFor('the view to show the broken chain', () => doc.getText().includes('FAILED VERIFICATION'));
      assert.match(doc.getText(), new RegExp(`Verdict: FAILED at line ${edited + 1}\\b.*hash mismatch`));
      assert.equal(services.auditLog.lastResult?.intact, false);
    } finally {
      fs.writeFileSync(result.path, original);
    }
  });
});
