// One turn of the agent loop: the user's message, then model request → streamed answer → tool calls →
// results back to the model, until the model stops calling tools, the user interrupts, a budget is hit
// or a failure ends it. Every step is persisted as it happens (see ThreadSession).
import type { Attachment, Cost, ErrorInfo, ItemOf, ServedBy, Turn, Usage } from '../../protocol';
import { addCosts, addUsage } from '../../shared/cost-math';
import { checkBudget } from '../cost/budget';
import { capabilitiesOf } from '../model/capabilities';
import { ModelError, isModelError } from '../model/errors';
import type { ConversationItem, ModelClient } from '../model/types';
import type { ThreadSession } from '../engine/thread-session';
import { closeTurnItems } from '../engine/turn-closing';
import { imagesOf, renderUserMessage } from './attachments';
import { compactToFit, contextWindowOf } from './context-window';
import { callModel } from './model-call';
import { TurnInstructions } from '../instructions/turn-instructions';
import { SYSTEM_PROMPT, toolDefinitions, workspaceFoldersPrompt } from './prompt';
import { McpToolSet, mcpToolsUsedIn } from './mcp-tool-set';
import { TOOLS } from './tools';
import { runToolCall } from './tool-call-runner';
import type { TurnDeps } from './turn-deps';

/** A turn never makes more model requests than this (a model looping on tools ends, it never runs away). */
export const MAX_REQUESTS_PER_TURN = 100;

export interface TurnInput {
  /** The user's message, as shown. */
  text: string;
  /** Sent to the model in place of `text` (an editor command's prompt); never shown as the user's words. */
  instruction?: string;
  attachments: Attachment[];
}

export async function runTurn(deps: TurnDeps, session: ThreadSession, chain: ModelClient[], input: TurnInput): Promise<Turn> {
  const running = session.running!;
  const signal = running.cancel.signal;
  let turn = running.turn;
  const turnId = turn.id;
  const update = async (patch: Partial<Turn>) => {
    turn = { ...turn, ...patch };
    running.turn = turn;
    await session.setTurn(turn);
  };

  // Project instructions: those for every file in the system prompt, those for the files the message names with it.
  const instructions = await TurnInstructions.begin(deps, session, turnId, input.text, input.attachments);
  const userText = (await renderUserMessage(input.instruction ?? input.text, input.attachments, deps.workspace)) + instructions.userNote;
  const images = imagesOf(input.attachments);
  await session.completed({ id: `user_${turnId}`, turnId, createdAt: deps.clock.now(), type: 'userMessage', text: input.text, attachments: input.attachments });
  await instructions.turn.announce();
  await session.record({ type: 'conversation', turnId, item: { type: 'user', text: userText, ...(images.length ? { images } : {}) } });

  // The MCP servers' tools as they are now: a server that failed or is still starting beyond the wait
  // offers none this turn (its state says why), it does not hold the turn.
  const mcpTools = new McpToolSet(await deps.mcp.tools(signal).catch(() => []), mcpToolsUsedIn(session.state.conversation));
  // Per request: a deferred MCP tool the model loaded is offered with its schema from the next request on.
  const builtInTools = toolDefinitions(TOOLS);
  const system = SYSTEM_PROMPT + workspaceFoldersPrompt(deps.workspace.folders) + instructions.turn.system;
  let compactionNoticed = false;
  let failure: ErrorInfo | undefined;
  let status: Turn['status'] = 'completed';

  try {
    for (let step = 1; ; step++) {
      if (step > MAX_REQUESTS_PER_TURN) {
        // The work is unfinished: the turn fails (crosswind exec exits 1), it does not quietly "complete".
        const message = `Stopped after ${MAX_REQUESTS_PER_TURN} model requests in one turn, before the model finished.`;
        await notice(deps, session, turnId, 'info', message);
        failure = { kind: 'budgetExceeded', message, fix: 'Send a message to continue, or split the task into smaller steps.' };
        status = 'failed';
        break;
      }
      const budget = checkBudget({ budgets: deps.settings().budgets, turnCost: turn.cost, dayCost: deps.dayCost() });
      if (!budget.ok) {
        await notice(deps, session, turnId, 'budget', budget.message);
        failure = { kind: 'budgetExceeded', message: budget.message, fix: 'Raise crosswind.budget.perTurnUsd / perDayUsd, or continue tomorrow.' };
        status = 'failed';
        break;
      }

      const client = chain[session.chainIndex]!;
      refuseImagesFor(client, session.state.conversation);
      const tools = [...builtInTools, ...mcpTools.definitions()];
      const fixedTokens = session.estimator.estimateText(system + JSON.stringify(tools));
      const compacted = compactToFit(session.state.conversation, contextWindowOf(client.servedBy.model, client.profile.contextWindow), fixedTokens, session.estimator, compactionContext(session));
      if (compacted.action && !compactionNoticed) {
        compactionNoticed = true;
        const what = compacted.action === 'elidedToolOutput' ? 'older tool output was shortened' : `${compacted.droppedTurns} earlier turn(s) were summarised`;
        await notice(deps, session, turnId, 'compaction', `The conversation is nearing ${client.servedBy.model}'s context window: ${what}.`);
      }
      const estimated = fixedTokens + session.estimator.estimateItems(compacted.items);

      const stream = streamingItems(deps, session, turnId, step);
      const { response, served } = await callModel({
        chain,
        start: session.chainIndex,
        request: {
          system,
          items: compacted.items,
          tools,
          promptCache: true,
          conversationId: session.id,
          ...(client.profile.maxOutputTokens ? { maxOutputTokens: client.profile.maxOutputTokens } : {}),
          ...(client.profile.reasoningEffort ? { reasoningEffort: client.profile.reasoningEffort } : {}),
        },
        signal,
        retry: deps.settings().retry,
        clock: deps.clock,
        ...(deps.random ? { random: deps.random } : {}),
        hooks: {
          text: (d) => stream.text(d),
          reasoning: (d) => stream.reasoning(d),
          discardPartial: () => stream.discard(),
          retry: (info) =>
            void notice(deps, session, turnId, 'retry', `${describeServed(info.servedBy)}: ${info.error.message} Retrying in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt + 1} of ${info.maxAttempts}).`, `retry_${turnId}_${step}`),
          failover: async ({ from, to, error }) => {
            await notice(deps, session, turnId, 'failover', `${describeServed(from.servedBy)} failed (${error.message}). Continuing this conversation on ${describeServed(to.servedBy)}.`, undefined, from.servedBy, to.servedBy);
            await deps.audit.record({ type: 'failover', threadId: session.id, turnId, fromProfile: from.profile.name, toProfile: to.profile.name, reason: `${error.kind}: ${error.message}` });
          },
          attempted: ({ client: c, error }) => {
            if (error) void auditRequest(deps, session, turnId, c, undefined, undefined, error);
          },
        },
      });
      session.chainIndex = served;
      session.estimator.calibrate(estimated, response.usage.inputTokens + response.usage.cacheReadTokens + response.usage.cacheWriteTokens);
      await stream.finish(response.servedBy);

      // What the model said goes into the conversation before any tool runs.
      const said: ConversationItem[] = [...response.reasoning];
      if (response.text) said.push({ type: 'assistant', text: response.text });
      said.push(...response.toolCalls);
      for (const item of said) await session.record({ type: 'conversation', turnId, item });

      const cost = deps.pricer.price(response.servedBy, response.usage);
      const servedBy = turn.servedBy.some((s) => sameServed(s, response.servedBy)) ? turn.servedBy : [...turn.servedBy, response.servedBy];
      await update({ usage: addUsage(turn.usage, response.usage), cost: addCosts(turn.cost, cost), servedBy });
      const entry = { at: deps.clock.now(), threadId: session.id, turnId, servedBy: response.servedBy, usage: response.usage, cost };
      await deps.ledger.append(entry);
      deps.addToDay(cost);
      await session.record({ type: 'usage', entry });
      // The spend is shown as each request's usage is known, not only when the turn ends: a turn may
      // wait a long time on a patch review after its requests are paid for.
      deps.client.notify('turn/updated', { threadId: session.id, turn, threadUsage: session.state.usage, threadCost: session.state.cost, dayCost: deps.dayCost() });
      await auditRequest(deps, session, turnId, chain[served]!, response.usage, cost);
      if (response.guardrail) await notice(deps, session, turnId, 'info', `A guardrail or content filter intervened: ${response.guardrail}`);

      if (response.toolCalls.length === 0) {
        if (response.stop === 'maxTokens') await notice(deps, session, turnId, 'info', 'The answer was cut off at the maximum output length.');
        break;
      }
      for (const call of response.toolCalls) {
        const result = signal.aborted
          ? { output: 'Not run: the user interrupted the turn.', isError: true }
          : await runToolCall(deps, session, turnId, call, () => running.cancel.cancel(), mcpTools);
        await session.record({ type: 'conversation', turnId, item: { type: 'toolResult', callId: call.callId, output: result.output, isError: result.isError } });
      }
      if (signal.aborted) {
        status = 'interrupted';
        break;
      }
    }
  } catch (e) {
    const error = isModelError(e) ? e : new ModelError('internal', e instanceof Error ? e.message : String(e), { cause: e });
    if (error.kind === 'cancelled' || signal.aborted) status = 'interrupted';
    else {
      status = 'failed';
      failure = error.toInfo();
      // A typed failure (refused credentials, throttling that outlasted the retries…) is the front end's to
      // report, and it does; the log keeps a record. Only an internal error is the engine's own problem.
      deps.logger.log(error.kind === 'internal' ? 'error' : 'info', `Turn ${turnId} failed: ${error.kind}: ${error.message}`);
      await session.completed({ id: `err_${turnId}`, turnId, createdAt: deps.clock.now(), type: 'error', error: failure });
    }
  }
  await closeTurnItems(session, turnId, status, {
    toolCall: `No result was recorded: the turn ${status === 'failed' ? 'failed' : 'was interrupted'} while this call was being handled, so it may or may not have taken effect.`,
    answer: '[interrupted by the user]',
  });
  await update({ status, completedAt: deps.clock.now(), ...(failure ? { error: failure } : {}) });
  return turn;
}

/**
 * A model that does not take images is not sent them: the turn fails before the request, naming the model
 * and what to do, instead of a paid request the service refuses (or, worse, one that ignores the image).
 */
function refuseImagesFor(client: ModelClient, conversation: readonly ConversationItem[]): void {
  if (!conversation.some((i) => i.type === 'user' && i.images?.length)) return;
  const caps = capabilitiesOf(client.servedBy.model);
  if (caps.images) return;
  throw new ModelError('invalidRequest', `${client.servedBy.model} (${caps.family}) does not accept images, and this conversation has one.`, {
    provider: client.profile.provider,
    fix: 'Switch to a model that takes images (Claude, GPT-5.x, Nova Pro/Lite/Premier, Llama 4…), or start a new conversation without the image.',
  });
}

/** Lazily created agent-message and reasoning items for one model request. */
function streamingItems(deps: TurnDeps, session: ThreadSession, turnId: string, step: number) {
  const msgId = `msg_${turnId}_${step}`;
  const rsnId = `rsn_${turnId}_${step}`;
  let msgStarted = false;
  let rsnStarted = false;
  const startMsg = () => {
    if (msgStarted) return;
    msgStarted = true;
    void session.started({ id: msgId, turnId, createdAt: deps.clock.now(), type: 'agentMessage', text: '', status: 'inProgress' });
  };
  const startRsn = () => {
    if (rsnStarted) return;
    rsnStarted = true;
    void session.started({ id: rsnId, turnId, createdAt: deps.clock.now(), type: 'reasoning', summary: '', status: 'inProgress' });
  };
  return {
    text(delta: string) {
      startMsg();
      session.delta(session.current(msgId, 'agentMessage')!, delta);
    },
    reasoning(delta: string) {
      startRsn();
      session.delta(session.current(rsnId, 'reasoning')!, delta);
    },
    discard() {
      const m = session.current(msgId, 'agentMessage');
      if (m?.text) void session.updated({ ...m, text: '' });
      const r = session.current(rsnId, 'reasoning');
      if (r?.summary) void session.updated({ ...r, summary: '' });
    },
    async finish(servedBy: ServedBy) {
      const m = session.current(msgId, 'agentMessage');
      if (m) await session.completed({ ...m, status: 'completed', servedBy });
      const r = session.current(rsnId, 'reasoning');
      if (r) await session.completed({ ...r, status: 'completed' });
    },
  };
}

function compactionContext(session: ThreadSession) {
  const plan = [...session.state.items].reverse().find((i): i is ItemOf<'plan'> => i.type === 'plan');
  const pending = session.state.items.filter((i): i is ItemOf<'fileChange'> => i.type === 'fileChange' && i.patch.status === 'pending');
  return {
    ...(plan ? { plan: plan.steps.map((s) => `- [${s.status}] ${s.step}`).join('\n') } : {}),
    pendingPatches: pending.map((p) => `- ${p.patch.files.map((f) => f.path).join(', ')}`),
  };
}

async function notice(
  deps: TurnDeps,
  session: ThreadSession,
  turnId: string,
  kind: ItemOf<'notice'>['kind'],
  message: string,
  id?: string,
  from?: ServedBy,
  to?: ServedBy,
): Promise<void> {
  await session.completed({
    id: id ?? deps.ids.next('note'),
    turnId,
    createdAt: deps.clock.now(),
    type: 'notice',
    kind,
    message,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
}

async function auditRequest(deps: TurnDeps, session: ThreadSession, turnId: string, client: ModelClient, usage?: Usage, cost?: Cost, error?: ModelError): Promise<void> {
  const identity = await deps.identityOf(client);
  // The tool calls and file changes that follow are recorded as done by the same identity.
  if (identity) session.identity = identity;
  await deps.audit.record({
    type: 'modelRequest',
    threadId: session.id,
    turnId,
    profile: client.profile.name,
    provider: client.servedBy.provider,
    model: client.servedBy.model,
    ...(client.servedBy.location ? { location: client.servedBy.location } : {}),
    ...(identity ? { identity } : {}),
    ...(usage ? { usage } : {}),
    ...(cost ? { cost } : {}),
    outcome: error ? 'error' : 'ok',
    ...(error ? { errorKind: error.kind } : {}),
  });
}

function describeServed(s: ServedBy): string {
  return `${s.profile} (${s.provider}${s.location ? ` ${s.location}` : ''}, ${s.model})`;
}

function sameServed(a: ServedBy, b: ServedBy): boolean {
  return a.profile === b.profile && a.provider === b.provider && a.model === b.model && a.location === b.location;
}
