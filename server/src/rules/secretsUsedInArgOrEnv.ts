import type { Rule } from '../engine/rule';
import { instructionProperties } from '../model/properties';
import type { Word } from '../model/types';

// BuildKit's lists: a name whose whole, first or last `_`-separated part is one of these, unless a part says it
// is public, a file or a version.
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export const secretsUsedInArgOrEnv: Rule<Word[]> = {
  meta: {
    id: 'secrets-used-in-arg-or-env',
    title: 'An ARG or ENV whose name says it holds a secret',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['SecretsUsedInArgOrEnv'],
    fix: null,
    messages: {
      secret:
        "{keyword} {name} looks like a secret: {keyword} values stay in the image's history (`docker history`) for anyone who pulls it. Pass it with `RUN --mount=type=secret,id={lower}` instead.",
    },
  },
  collect(node) {
    if (node.keyword !== 'ARG' && node.keyword !== 'ENV') return null;
    // BuildKit reads each word of an ARG as NAME or NAME=default; an ENV as its name=value pairs (or legacy pair).
    const all = node.keyword === 'ARG' ? node.args.map((w) => w.value.split('=')[0]) : instructionProperties(node).map((p) => p.name);
    const names = all.filter((name) => SECRET.test(name) && !ALLOWED.test(name));
    if (names.length === 0) return null;
    const words = names.map((name) => node.args.find((w) => w.value === name || w.value.startsWith(`${name}=`))).filter((w): w is Word => w !== undefined);
    return words.length > 0 ? words : null;
  },
  check({ report, collected }) {
    for (const { node, fact } of collected) {
      // BuildKit checks the ARGs of stages, not the global ones before the first FROM.
      if (node.stage < 0) continue;
      for (const word of fact) {
        const name = word.value.split('=')[0];
        report({ span: word, messageId: 'secret', data: { keyword: node.keyword, name, lower: name.toLowerCase() } });
      }
    }
  },
  local: true,
};
