// How the @-mention list ranks workspace paths and symbols, and how it cleans the text a mention brings in
// (a terminal's output, a web page).
import assert from 'node:assert/strict';
import { foldersOf, looksLikePath, pathScore, rankPaths, symbolScore } from '../../../src/extension/mentions/mention-rank';
import { htmlText, keepEnd, terminalText } from '../../../src/extension/mentions/mention-text';

const FILES = ['src/app.ts', 'src/app/routes.ts', 'src/app/view/App.tsx', 'test/app.test.ts', 'docs/apple.md', 'src/parser.ts', 'README.md', 'packages/a/src/happy.ts'];

describe('@-mention ranking', () => {
  it('puts the file named by the query first, then names starting with it, then paths, then letters in order', () => {
    const ranked = rankPaths(FILES, 'app', 20).map((r) => `${r.path}${r.isFolder ? '/' : ''}`);
    // "app" exact (the folder src/app) beats names starting with it (any case; shorter paths first among
    // equals), which beat a name containing it, which beats a folder on the way.
    assert.deepEqual(ranked.slice(0, 8), ['src/app/', 'src/app.ts', 'docs/apple.md', 'test/app.test.ts', 'src/app/view/App.tsx', 'packages/a/src/happy.ts', 'src/app/view/', 'src/app/routes.ts']);
    assert.ok(!ranked.includes('src/parser.ts'), 'a file that does not contain the letters is left out');
  });

  it('matches a typed path ("src/app") by its folders, with or without ./', () => {
    const ranked = rankPaths(FILES, 'src/app', 3).map((r) => r.path);
    assert.deepEqual(ranked, ['src/app', 'src/app.ts', 'src/app/view']);
    assert.equal(pathScore('src/app.ts', './src/app'), pathScore('src/app.ts', 'src/app'));
  });

  it('offers every folder that holds a file once, and caps the list', () => {
    assert.deepEqual(foldersOf(['a/b/c.ts', 'a/b/d.ts', 'a/e.ts', 'top.md']).sort(), ['a', 'a/b']);
    assert.equal(rankPaths(FILES, '', 5).length, 5);
    assert.equal(rankPaths(FILES, 'zzz', 5).length, 0);
  });

  it('ranks symbols exact, prefix, substring; looks symbols up only for names, not paths', () => {
    assert.ok(symbolScore('parse', 'parse') > symbolScore('parseAll', 'parse'));
    assert.ok(symbolScore('parseAll', 'parse') > symbolScore('reparse', 'parse'));
    assert.equal(symbolScore('lexer', 'parse'), 0);
    assert.equal(looksLikePath('src/app'), true);
    assert.equal(looksLikePath('app.ts'), true);
    assert.equal(looksLikePath('applyPatch'), false);
  });
});

describe('text a mention brings in', () => {
  it('a terminal output loses its colours, shell-integration marks and redrawn progress', () => {
    const raw = '\u001b]633;C\u0007\u001b[32mPASS\u001b[0m src/a.test.ts\r\nprogress 10%\rprogress 100%\r\n\u001b[1;31mFAIL\u001b[0m src/b.test.ts\r\n\u001b]633;D;1\u0007';
    assert.equal(terminalText(raw), 'PASS src/a.test.ts\nprogress 100%\nFAIL src/b.test.ts');
  });

  it('a long output keeps its end, where the error is', () => {
    const text = `${'x'.repeat(5000)}\nError: boom`;
    const kept = keepEnd(text, 1000);
    assert.ok(kept.length <= 1000, String(kept.length));
    assert.ok(kept.endsWith('Error: boom'));
    assert.match(kept, /^\[… \d+ earlier characters left out\]/);
    assert.equal(keepEnd('short', 1000), 'short');
  });

  it('a web page becomes its text: no script, style or tags, entities decoded, blocks on their own lines', () => {
    const html =
      '<!doctype html><html><head><title>T</title><style>p{color:red}</style></head><body><nav>Home</nav>' +
      '<script>alert("x")</script><h1>Install &amp; run</h1><p>Use <code>npm&nbsp;ci</code> &lt;fast&gt; &#8212; then&#x21;</p>' +
      '<ul><li>one</li><li>two</li></ul><!-- hidden --></body></html>';
    assert.equal(htmlText(html), 'Home\n\nInstall & run\n\nUse npm ci <fast> — then!\n\n- one\n\n- two');
  });
});
