// Ready-made conversations posted to the webview by the e2e tests and used for the theme screenshots.
import type { HostToWebview } from '../../../src/protocol/webview';
import type { WebviewPage } from '../../support/webview-harness';
import {
  agentMessage, command, cost, fileChange, patch, patchFile, reasoning, status, thread, toolCall, turn, usage, userMessage, TURN_ID,
} from '../../unit/media/fixtures';

export const ANSWER = [
  'The parser drops the last token. Fix in `src/parser.ts:42`:',
  '',
  '```ts',
  'export function parse(input: string): Token[] {',
  '  const tokens = lex(input); // keep the last one',
  '  return tokens.filter((t) => t.kind !== "eof");',
  '}',
  '```',
  '',
  'See [the lexer](src/lexer.ts#L10) and the [docs](https://example.com/docs).',
].join('\n');

/** One finished turn with every kind of item, as the host sends it after `ready`. */
export function richThread(): HostToWebview[] {
  const t = turn({ status: 'completed', usage: usage(15_400, 1_200), cost: cost(0.0312) });
  const p = patch();
  p.files.push({ ...patchFile('src/new-file.ts', 1), kind: 'add', additions: 12, deletions: 0 });
  return [
    { type: 'status', status: status() },
    {
      type: 'thread',
      thread: thread({
        turns: [t],
        usage: usage(15_400, 1_200),
        items: [
          userMessage('u1', 'Why does the parser drop the last token?', {
            attachments: [{ type: 'selection', path: 'src/parser.ts', startLine: 30, endLine: 52, text: '…' }],
          }),
          reasoning('r1', 'The lexer emits **EOF**; the filter removes one token too many.'),
          toolCall('t1'),
          toolCall('t2', { tool: 'grep_files', arguments: { pattern: 'eof', include: '*.ts' }, summary: '3 matches in 2 files' }),
          command('c1', { command: ['npm', 'test'], exitCode: 1, status: 'failed', durationMs: 4200, output: 'FAIL parser.test.ts\n  expected 3 tokens, got 2' }),
          { id: 'p1', turnId: TURN_ID, createdAt: 0, type: 'plan', steps: [{ step: 'Find the bug', status: 'completed' }, { step: 'Fix the filter', status: 'in_progress' }, { step: 'Run the tests', status: 'pending' }] },
          fileChange('f1', p),
          {
            id: 'n1', turnId: TURN_ID, createdAt: 0, type: 'notice', kind: 'failover', message: 'Throttled: continued on another provider.',
            from: { profile: 'bedrock-us', provider: 'bedrock', model: 'claude-sonnet', location: 'us-east-1' },
            to: { profile: 'azure', provider: 'azure', model: 'gpt-5' },
          },
          agentMessage('a1', ANSWER, { status: 'completed', servedBy: { profile: 'azure', provider: 'azure', model: 'gpt-5', location: 'contoso.openai.azure.com' } }),
          {
            id: 'e1', turnId: TURN_ID, createdAt: 0, type: 'error',
            error: { kind: 'authExpired', message: 'Your AWS SSO session has expired.', fix: 'Sign in again, then retry.', fixCommand: 'aws sso login --profile dev' },
          },
        ],
      }),
    },
    { type: 'threads', threads: [] },
  ];
}

export async function postAll(view: WebviewPage, messages: HostToWebview[]): Promise<void> {
  for (const m of messages) await view.post(m);
}
