import type { Rule } from '../engine/rule';
import type { InstructionNode, Word } from '../model/types';
import { referencedNames } from './support/variables';

/** A value of an ENV that reads a variable an earlier pair of the same ENV sets. */
interface OwnRead {
  word: Word;
  name: string;
}

/** `NAME=value` words of an ENV (or of its ONBUILD trigger): the legacy form `ENV NAME value` sets one variable only. */
function ownReads(node: InstructionNode): OwnRead[] | null {
  const env = node.trigger ?? node;
  if (env.keyword !== 'ENV') return null;
  const set: string[] = [];
  const found: OwnRead[] = [];
  for (const word of env.args) {
    const eq = word.raw.indexOf('=');
    if (eq <= 0) return null;
    const name = word.raw.slice(0, eq);
    for (const read of referencedNames(word.raw.slice(eq + 1))) if (set.includes(read) && read !== name) found.push({ word, name: read });
    set.push(name);
  }
  return found.length > 0 ? found : null;
}

export const envReadsOwnAssignment: Rule<OwnRead[]> = {
  meta: {
    id: 'env-reads-own-assignment',
    title: 'An ENV value that reads a variable the same ENV sets',
    severity: 'error',
    category: 'hygiene',
    hadolint: ['DL3044'],
    fix: null,
    messages: {
      own: "'${name}' here reads the value {name} had before this ENV, not the one this ENV gives it: Docker expands every value of an ENV before it sets any. Set {name} in an ENV of its own above this one.",
    },
  },
  collect: ownReads,
  local: true,
  check({ report, collected }) {
    for (const { fact } of collected) for (const { word, name } of fact) report({ span: { start: word.start, end: word.end }, messageId: 'own', data: { name } });
  },
};
