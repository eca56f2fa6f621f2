// Every command the extension contributes (package.json `contributes.commands`).
import type { CommandModule } from './command';
import { fixWithCrosswindCommand } from './fix-with-crosswind';
import { newConversationCommand } from './new-conversation';
import { restartEngineCommand } from './restart-engine';
import { showLogCommand } from './show-log';

export const commandModules: CommandModule[] = [newConversationCommand, fixWithCrosswindCommand, restartEngineCommand, showLogCommand];
