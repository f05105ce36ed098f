import type { Fix, Rule } from '../engine/rule';
import type { DockerfileModel, InstructionNode } from '../model/types';

export const legacyKeyValueFormat: Rule<true> = {
  meta: {
    id: 'legacy-key-value-format',
    title: 'ENV or LABEL in the legacy `key value` form',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['LegacyKeyValueFormat'],
    fix: 'safe',
    messages: {
      legacy: '`{keyword} {name} value` is the legacy form, which sets one variable to the rest of the line: write `{keyword} {name}=value`.',
      fix: 'Write {keyword} {name}=value',
    },
  },
  collect(node) {
    if (node.keyword !== 'ENV' && node.keyword !== 'LABEL') return null;
    // BuildKit's parser: a first word without `=` means the legacy form, whose value is the rest of the line.
    return node.args.length >= 2 && !node.args[0].value.includes('=') ? true : null;
  },
  check({ model, report, collected }) {
    for (const { node } of collected) {
      if (node.stage < 0) continue;
      const name = node.args[0].value;
      report({
        span: { start: node.start, end: node.end },
        messageId: 'legacy',
        data: { keyword: node.keyword, name },
        fixes: keyValueFix(model, node),
      });
    }
  },
  local: true,
};

/**
 * `name=value`, when the value reads the same either way. The legacy value is the rest of the line, read as one
 * word (quotes removed, `$NAME` expanded, white space kept); a single word after `=` is read just so, and several
 * words in double quotes too (or one double-quoted string as it stands), as long as they hold no quote or escape character of their own, whose meaning
 * differs inside double quotes. A value continued over lines gets no fix.
 */
function keyValueFix(model: DockerfileModel, node: InstructionNode): Fix[] {
  const [name, first] = node.args;
  const last = node.args[node.args.length - 1];
  const value = model.text.slice(first.start, last.end);
  if (/[\r\n]/.test(value) || value.includes(model.escape) || value.includes('\\')) return [];
  let newText: string;
  // One word, or one double-quoted string with no quote inside: read the same after `=`.
  if (node.args.length === 2 || /^"[^"'`]*"$/.test(value)) newText = `=${value}`;
  else if (/["'`]/.test(value)) return [];
  else newText = `="${value}"`;
  const title = `Write ${node.keyword} ${name.value}=value`;
  return [{ title, safety: 'safe', edits: [{ start: name.end, end: last.end, newText }] }];
}
