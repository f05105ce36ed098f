import type { Fix, Rule } from '../engine/rule';
import { markedBefore } from './support/buildkit';
import type { DockerfileModel, InstructionNode } from '../model/types';

/** A CMD or ENTRYPOINT in shell form, or a SHELL (after which BuildKit no longer asks for the JSON form). */
type ArgsFact = 'shell-form' | 'shell';

/** Words that mean the same to sh -c and as an argv: no quotes, expansions, globs, operators or escapes. */
const PLAIN = /^[A-Za-z0-9_.,/:=@%+-]+$/;
/** Commands only a shell has: without one they are not found. */
const BUILTINS = new Set(['.', 'cd', 'exec', 'export', 'source', 'set', 'ulimit', 'umask', 'eval', 'trap', 'exit', 'true', 'false', 'test', '[', 'alias', 'read', 'unset', 'shift', 'wait']);

export const jsonArgsRecommended: Rule<ArgsFact> = {
  meta: {
    id: 'json-args-recommended',
    title: 'CMD or ENTRYPOINT in shell form',
    severity: 'info',
    category: 'default-command',
    hadolint: ['DL3025'],
    buildkit: ['JSONArgsRecommended'],
    fix: 'unsafe',
    messages: {
      shellForm:
        '{keyword} in shell form runs under /bin/sh -c: the shell is PID 1, so `docker stop` sends SIGTERM to the shell, not to your program, which is killed 10 s later. Write it in JSON form: {keyword} ["program", "arg"].',
      fix: 'Write {keyword} in JSON form',
    },
  },
  collect(node) {
    if (node.keyword === 'SHELL') return 'shell';
    if (node.keyword !== 'CMD' && node.keyword !== 'ENTRYPOINT') return null;
    if (node.args.length === 0) return null;
    const first = node.args[0].value;
    // dockerfile-ast's words: a JSON array starts with `[`; one that does not parse is run by the shell too.
    return first.startsWith('[') && isJsonArray(node.args.map((a) => a.value).join(' ')) ? null : 'shell-form';
  },
  check({ model, report, collected }) {
    const shells = collected.filter((c) => c.fact === 'shell').map((c) => c.node);
    for (const { node, fact } of collected) {
      if (fact !== 'shell-form' || node.stage < 0) continue;
      report({
        span: { start: node.start, end: node.end },
        messageId: 'shellForm',
        data: { keyword: node.keyword },
        // hadolint asks for the JSON form always; BuildKit only while no SHELL is set for the stage.
        buildkit: markedBefore(model, node, shells) ? null : 'JSONArgsRecommended',
        fixes: jsonFormFix(model, node),
      });
    }
  },
  local: true,
};

function isJsonArray(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((s) => typeof s === 'string');
  } catch {
    return false;
  }
}

/**
 * The JSON form, for a one-line command of plain words. Unsafe: the program then runs without a shell, as
 * PID 1 of the container, and a SHELL or the shell's own start-up no longer applies to it.
 */
function jsonFormFix(model: DockerfileModel, node: InstructionNode): Fix[] {
  const args = node.args;
  if (args.some((a) => a.raw !== a.value || !PLAIN.test(a.value))) return [];
  if (BUILTINS.has(args[0].value) || args[0].value.includes('=')) return [];
  const text = model.text.slice(args[0].start, args[args.length - 1].end);
  if (/[\r\n]/.test(text)) return [];
  const json = `[${args.map((a) => JSON.stringify(a.value)).join(', ')}]`;
  return [{ title: `Write ${node.keyword} in JSON form`, safety: 'unsafe', edits: [{ start: args[0].start, end: args[args.length - 1].end, newText: json }] }];
}
