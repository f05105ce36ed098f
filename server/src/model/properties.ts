// The name=value pairs of ARG, ENV and LABEL. dockerfile-ast is the reference,
// but reading them with it costs a parse of the instruction (most of the
// memory a model takes, and a quarter of a short file's lint); a one-line
// instruction without quotes, escapes or comments is read here, the same way.
import type { PropertyInstruction } from 'dockerfile-ast';
import { instructionText, valuesAst } from './moved';
import { Slot } from './slots';
import type { InstructionNode } from './types';

export interface Property {
  name: string;
  /** Null when the property has no value (`ARG NAME`). */
  value: string | null;
}

const PROPERTY_KEYWORDS = new Set(['ARG', 'ENV', 'LABEL']);

/** Kept by node: they depend only on the instruction's own text, and a node is replaced when that changes. */
const read = new Slot<InstructionNode, Property[]>();

export function instructionProperties(node: InstructionNode): Property[] {
  if (!PROPERTY_KEYWORDS.has(node.keyword)) return [];
  let found = read.get(node);
  if (!found) {
    found = plainProperties(node) ?? astProperties(node);
    read.set(node, found);
  }
  return found;
}

function astProperties(node: InstructionNode): Property[] {
  const ast = valuesAst(node) as PropertyInstruction;
  return typeof ast.getProperties === 'function' ? ast.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() })) : [];
}

/** What dockerfile-ast reads from words split on white space: `A=1 B=2`, `NAME value`, `NAME`. */
function plainProperties(node: InstructionNode): Property[] | null {
  const text = instructionText(node);
  if (text === null || /["'\\`#\r\n]/.test(text)) return null;
  const words = node.args;
  const split = (word: string): Property | null => {
    const at = word.indexOf('=');
    if (at === 0) return null;
    return at < 0 ? { name: word, value: null } : { name: word.slice(0, at), value: word.slice(at + 1) };
  };
  if (words.length === 0) return [];
  const first = words[0].value;
  if (words.length > 1 && !first.includes('=')) {
    // `ENV NAME some value`: the value is the rest of the line as written.
    return [{ name: first, value: text.slice(words[1].start - node.start, words[words.length - 1].end - node.start) }];
  }
  const properties: Property[] = [];
  for (const word of words) {
    const property = split(word.value);
    if (!property) return null;
    properties.push(property);
  }
  return properties;
}
