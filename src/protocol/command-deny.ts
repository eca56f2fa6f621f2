// The command deny list every front end starts from (CLI and editor alike; package.json's default for
// crosswind.commands.deny is checked against it by a test). Entries name a command and some of its
// words, matched wherever the command appears in a line and however it is spelled (src/core/approvals).
export const DEFAULT_COMMAND_DENY: readonly string[] = [
  'rm -rf /',
  'rm -rf /*',
  'rm -rf ~',
  'sudo',
  'su',
  'doas',
  'git push --force',
  'git push -f',
  'mkfs',
  'shutdown',
  'reboot',
];
