// Every integration suite, imported in order (the bundle needs static imports).
import './activation.test';
import './review.test';
import './proposal-edit.test';
import './editor-commands.test';
import './provider-picker.test';
import './cost-audit.test';
import './clouds.test';
import './webview-guards.test';
import './command-approval.test';
import './shell-safety.test';
import './checkpoint-restore.test';
import './mcp.test';
import './mcp-oauth.test';
import './mentions.test';
import './cloud-tasks.test';
import './multiroot.test';
