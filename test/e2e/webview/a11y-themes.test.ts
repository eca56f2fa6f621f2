// Keyboard use, accessible names, visible focus, and the look in light, dark and high-contrast themes
// (screenshots saved under test-results/webview/ for a person to look at).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, THEMES, type ThemeKind } from '../../support/webview-harness';
import { command, itemEvent, summary } from '../../unit/media/fixtures';
import { postAll, richThread } from './scenes';
import { useWebview } from './setup';

const SHOTS = path.resolve(__dirname, '../../../test-results/webview');

/** '#0078d4' → 'rgb(0, 120, 212)', as getComputedStyle reports it. */
function rgb(hex: string): string {
  const n = (i: number) => parseInt(hex.slice(i, i + 2), 16);
  return `rgb(${n(1)}, ${n(3)}, ${n(5)})`;
}

describe('webview: keyboard, accessibility and themes', () => {
  const w = useWebview();

  async function loadEverything(): Promise<void> {
    await postAll(w.view, richThread());
    await w.view.post(itemEvent('item/started', command('c2', { command: ['make'], status: 'awaitingApproval', exitCode: null })));
    await w.view.post({ type: 'approvalPending', requestId: 'req-1', itemId: 'c2' });
    await w.view.post({ type: 'attached', attachment: { type: 'file', path: 'src/a.ts' } });
    await w.view.page.getByRole('button', { name: 'Approve', exact: true }).waitFor();
    await w.view.page.getByRole('textbox', { name: 'Message Crosswind' }).fill('draft');
  }

  it('reaches every control with Tab, each with a visible focus outline in the focus color', async () => {
    const { page } = w.view;
    await loadEverything();
    const expected = await page.evaluate(() => {
      const controls = Array.from(document.querySelectorAll<HTMLElement>('#app button:not([disabled]), #app summary, #app a[href], #app textarea'));
      const visible = controls.filter((el) => el.getClientRects().length > 0);
      visible.forEach((el, i) => (el.dataset.tabProbe = String(i)));
      return visible.length;
    });
    assert.ok(expected > 30, `a rich view has many controls (${expected})`);

    const reached = new Set<string>();
    const problems: string[] = [];
    // Start from the top of the document: Tab on until focus leaves the last control.
    for (let i = 0; i < 50 && (await page.evaluate(() => document.activeElement !== document.body)); i++) await page.keyboard.press('Tab');
    for (let i = 0; i < 300; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          probe: el.dataset.tabProbe ?? null,
          what: `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 50)}"`,
          outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        };
      });
      if (!info) break;
      if (info.probe !== null && reached.has(info.probe)) break;
      if (info.probe !== null) reached.add(info.probe);
      if (!info.outline.startsWith('solid 1px ' + rgb(THEMES.dark['--vscode-focusBorder']!))) problems.push(`${info.what}: outline ${info.outline}`);
    }
    assert.deepEqual(problems, [], 'every focused element shows the focus border');
    assert.equal(reached.size, expected, 'Tab reaches every visible control');
  });

  it('gives every button, link and disclosure an accessible name', async () => {
    const { page } = w.view;
    await loadEverything();
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('#app button, #app a, #app summary, #app textarea'))
        .filter((el) => !(el.getAttribute('aria-label') ?? el.textContent ?? '').trim())
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unnamed, []);
    assert.equal(await page.getByRole('log', { name: 'Conversation' }).count(), 1);
    const iconOnly = await page.locator('#app .icon-button').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    assert.ok(iconOnly.length > 10 && iconOnly.every((name) => name && name.length > 3), 'icon buttons are labelled');
  });

  it('is operable from the keyboard: Space decides a hunk, Enter opens history, Escape closes it', async () => {
    const { page } = w.view;
    await loadEverything();
    await page.getByRole('button', { name: 'Reject hunk 1 of src/b.ts' }).focus();
    await page.keyboard.press('Space');
    await w.view.waitForPosted((m) => m.method === 'patch/decide' && JSON.stringify(m.params.decisions) === JSON.stringify([{ path: 'src/b.ts', hunk: 0, decision: 'rejected' }]));
    await eventually(async () => assert.equal(await page.getByRole('button', { name: 'Reject hunk 1 of src/b.ts' }).getAttribute('aria-pressed'), 'true'));

    await w.view.post({ type: 'threads', threads: [summary(), summary({ id: 'thread-0', title: 'Older', updatedAt: 0 })] });
    const historyButton = page.getByRole('button', { name: 'Conversation history' });
    await historyButton.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => assert.match((await page.evaluate(() => document.activeElement?.textContent)) ?? '', /^Fix the parser/, 'focus moves to the first conversation'));
    await page.keyboard.press('Tab');
    assert.match((await page.evaluate(() => document.activeElement?.textContent)) ?? '', /^Older/);
    await page.keyboard.press('Escape');
    await page.locator('.history-panel').waitFor({ state: 'hidden' });
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Conversation history'));
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`follows the ${theme} theme's variables (screenshots in test-results/webview/)`, async () => {
      const { page } = w.view;
      const vars = THEMES[theme];
      await w.view.setTheme(theme);
      await page.locator('.welcome').waitFor();
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `${theme}-welcome.png`) });
      await loadEverything();
      await page.getByRole('button', { name: 'Reject hunk 2 of src/a.ts' }).click();
      await page.locator('.command-card').first().getByText('Output (2 lines)').click();
      assert.equal(await page.evaluate('document.documentElement.scrollHeight <= innerHeight'), true, 'only the conversation scrolls, not the page');
      await page.locator('.conversation').evaluate((el) => (el.scrollTop = 0));
      await page.screenshot({ path: path.join(SHOTS, `${theme}-top.png`) });
      await page.locator('.patch-card').evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: path.join(SHOTS, `${theme}-patch.png`) });
      await page.locator('.conversation').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.screenshot({ path: path.join(SHOTS, `${theme}-bottom.png`) });

      const color = (selector: string, property: string) =>
        page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
      const look = {
        background: await color('body', 'background-color'),
        text: await color('body', 'color'),
        cardBorder: await color('.command-card', 'border-top-color'),
        primaryBorder: await color('.patch-card .button-primary', 'border-top-color'),
        link: await color('.markdown-body a', 'color'),
      };
      assert.equal(look.background, rgb(vars['--vscode-sideBar-background']!));
      assert.equal(look.text, rgb(vars['--vscode-foreground']!));
      assert.equal(look.link, rgb(vars['--vscode-textLink-foreground']!));
      if (theme === 'high-contrast') {
        assert.equal(look.cardBorder, rgb(vars['--vscode-contrastBorder']!), 'cards outlined with the contrast border');
        assert.equal(look.primaryBorder, rgb(vars['--vscode-button-border']!), 'buttons without a background still have a border');
      } else {
        assert.equal(look.cardBorder, rgb(vars['--vscode-widget-border']!));
      }
    });
  }
});
