// @-mentions in the composer: what the user can name after `@` (a file, a folder, a symbol, the
// workspace's problems, a terminal's last output, a web page), as the host suggests them and as the
// webview asks for one to be attached.
import * as z from 'zod';

/** Files dropped on the composer at once, at most (a turn takes 50 attachments). */
export const MAX_DROPPED = 50;

export const Mention = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(1000) }),
  z.object({ kind: z.literal('folder'), path: z.string().min(1).max(1000) }),
  /** 1-based lines, inclusive: the range the symbol provider reported. */
  z.object({
    kind: z.literal('symbol'),
    name: z.string().min(1).max(500),
    symbolKind: z.string().max(40),
    path: z.string().min(1).max(1000),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
  }),
  z.object({ kind: z.literal('problems') }),
  z.object({ kind: z.literal('terminal') }),
  z.object({ kind: z.literal('url'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
]);
export type Mention = z.infer<typeof Mention>;

/** One entry of the suggestion list. */
export const MentionSuggestion = z.object({
  mention: Mention,
  /** What the list shows and what replaces the `@query` in the text ("app.ts", "parse", "Problems"). */
  label: z.string().max(500),
  /** The second line, dimmed: the folder, the symbol's file, a count. */
  detail: z.string().max(1000).optional(),
  /** Why it cannot be picked now (e.g. no terminal output): shown, not selectable. */
  disabled: z.string().max(300).optional(),
});
export type MentionSuggestion = z.infer<typeof MentionSuggestion>;
