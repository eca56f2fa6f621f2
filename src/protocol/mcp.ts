// MCP tool servers: how one is configured (VS Code's mcp.json `servers` entries, which the editor and the
// CLI read from their files and hand to the engine in its settings) and what the engine reports about
// each (connected with its tools, or failed and why).
import * as z from 'zod';

/** A server started as a child process, spoken to over its stdin/stdout. */
export const McpStdioServer = z.object({
  type: z.literal('stdio'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  /** Default: the workspace folder. */
  cwd: z.string().optional(),
  /** Crosswind's own: how long one call may take, in ms (default 60000). */
  timeout: z.number().int().positive().max(3_600_000).optional(),
});

/** A server reached over streamable HTTP. */
export const McpHttpServer = z.object({
  type: z.literal('http'),
  url: z.url(),
  headers: z.record(z.string(), z.string()).default({}),
  timeout: z.number().int().positive().max(3_600_000).optional(),
});

/**
 * An entry the engine cannot use as written (an `${input:…}` variable Crosswind cannot prompt for, an
 * unknown type): kept, so that the server is listed as failed with this error instead of vanishing.
 */
export const McpInvalidServer = z.object({ type: z.literal('invalid'), error: z.string() });

export const McpServerConfig = z.discriminatedUnion('type', [McpStdioServer, McpHttpServer, McpInvalidServer]);
export type McpServerConfig = z.infer<typeof McpServerConfig>;
export type McpServerConfigInput = z.input<typeof McpServerConfig>;

export const McpServerStatus = z.object({
  name: z.string(),
  status: z.enum(['starting', 'connected', 'failed']),
  /** Tool names as the server gives them (connected: the ones the model is offered). */
  tools: z.array(z.string()),
  /** Why it failed, for the user: the exit, the HTTP status, the configuration problem. */
  error: z.string().optional(),
});
export type McpServerStatus = z.infer<typeof McpServerStatus>;
