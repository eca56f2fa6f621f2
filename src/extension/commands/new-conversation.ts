import type { CommandModule } from './command';

export const newConversationCommand: CommandModule = {
  id: 'crosswind.newConversation',
  run: async ({ view, conversation }) => {
    await view.reveal();
    await conversation.newThread();
  },
};
