// Every CLI command, by name. A new command is a new file in this folder plus one line here.
import type { CliCommand } from '../command';
import { applyPatchCommand } from './apply-patch';
import { auditCommand } from './audit';
import { cloudCommand } from './cloud';
import { checkpointCommand } from './checkpoint';
import { costCommand } from './cost';
import { execCommand } from './exec';
import { modelsCommand } from './models';
import { serveCommand } from './serve';
import { whoamiCommand } from './whoami';

export const commands: CliCommand[] = [execCommand, applyPatchCommand, costCommand, auditCommand, checkpointCommand, modelsCommand, whoamiCommand, serveCommand, cloudCommand];
