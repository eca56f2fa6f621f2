// Ending a turn that did not finish cleanly — interrupted by the user, failed, or cut off when the engine
// died — without losing anything: every tool call gets a result (providers refuse a conversation with
// an unanswered call), items still streaming or running are closed with a status that says so, and a
// half-streamed answer stays in the conversation, marked.
import type { Turn } from '../../protocol';
import type { ThreadSession } from './thread-session';

export async function closeTurnItems(session: ThreadSession, turnId: string, status: Turn['status'], why: { toolCall: string; answer: string }): Promise<void> {
  if (status !== 'completed') await session.answerOpenToolCalls(turnId, why.toolCall);
  const end = status === 'completed' ? 'completed' : status === 'interrupted' ? 'interrupted' : 'failed';
  for (const item of session.state.items) {
    if (item.turnId !== turnId) continue;
    if ((item.type === 'agentMessage' || item.type === 'reasoning') && item.status === 'inProgress') {
      // Only an answer still streaming is missing from the conversation; a finished one is in it already.
      if (item.type === 'agentMessage' && item.text && end === 'interrupted') {
        await session.record({ type: 'conversation', turnId, item: { type: 'assistant', text: `${item.text}\n${why.answer}` } });
      }
      await session.completed({ ...item, status: end });
    } else if ((item.type === 'commandExecution' || item.type === 'mcpToolCall') && (item.status === 'inProgress' || item.status === 'awaitingApproval')) {
      await session.completed({ ...item, status: 'interrupted' });
    } else if (item.type === 'toolCall' && item.status === 'inProgress') {
      await session.completed({ ...item, status: end });
    }
  }
}
