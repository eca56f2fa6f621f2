// The fixed prompt every request pays for: our system prompt plus the six tool definitions, counted with
// the o200k tokenizer (GPT-4o/GPT-5 family). Target ≤ 1,800 tokens. Baseline in the same process: the
// same count for the tool definitions alone, so the prompt's share is visible.
// For reference, measured the same way (issue 5): Continue agent mode 1,890; Codex 0.169 with gpt-5.5
// 7,458; Cline 7.0k–12.4k; Roo Code 7.7k.
import { getEncoding } from 'js-tiktoken';
import { SYSTEM_PROMPT, toolDefinitions } from '../src/core/agent/prompt';
import { TOOLS } from '../src/core/agent/tools';

const enc = getEncoding('o200k_base');
const tools = toolDefinitions(TOOLS);
// What providers send for tools: name, description and the JSON Schema of the parameters.
const toolsJson = JSON.stringify(tools.map((t) => ({ type: 'function', name: t.name, description: t.description, parameters: t.parameters })));
const systemTokens = enc.encode(SYSTEM_PROMPT).length;
const toolTokens = enc.encode(toolsJson).length;
const total = systemTokens + toolTokens;
console.log(
  JSON.stringify({
    bench: 'prompt.overhead',
    tokenizer: 'o200k_base',
    systemPromptTokens: systemTokens,
    toolDefinitionTokens: toolTokens,
    totalTokens: total,
    baselineToolsOnlyTokens: toolTokens,
    ratioToToolsOnly: Number((total / toolTokens).toFixed(2)),
    target: 'totalTokens <= 1800',
    pass: total <= 1800,
  }),
);
