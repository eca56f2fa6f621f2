// Every CLI command, by name. A new command is a new file in this folder plus one line here.
import type { CliCommand } from '../command';

export const commands: CliCommand[] = [];
