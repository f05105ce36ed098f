import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { PROTOCOLS, splitPortSpec } from './support/buildkit';

export const exposeProtoCasing: Rule<Word[]> = {
  meta: {
    id: 'expose-proto-casing',
    title: 'An EXPOSE protocol in capitals',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['ExposeProtoCasing'],
    fix: 'safe',
    messages: {
      casing: "The protocol in '{port}' should be lower-case: '{lower}'.",
      fix: "Write '{lower}'",
    },
  },
  collect(node) {
    if (node.keyword !== 'EXPOSE') return null;
    const words = node.args.filter((w) => {
      if (w.value.includes('$') || w.raw !== w.value) return false;
      const { proto } = splitPortSpec(w.value);
      return proto !== proto.toLowerCase() && PROTOCOLS.has(proto.toLowerCase());
    });
    return words.length > 0 ? words : null;
  },
  check({ report, collected }) {
    for (const { fact } of collected) {
      for (const word of fact) {
        const at = word.value.lastIndexOf('/') + 1;
        const lower = word.value.slice(0, at) + word.value.slice(at).toLowerCase();
        // The image records every exposed port as `port/proto` in lower case: writing it so changes nothing.
        const edit = { start: word.start + at, end: word.end, newText: word.value.slice(at).toLowerCase() };
        report({ span: word, messageId: 'casing', data: { port: word.value, lower }, fixes: [{ title: `Write '${lower}'`, safety: 'safe', edits: [edit] }] });
      }
    }
  },
  local: true,
};
