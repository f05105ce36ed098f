// Nodes that move: the incremental model keeps the nodes of instructions an
// edit did not touch and shifts their offsets and lines, and the fast scanner
// builds nodes for a stretch of text and moves them where it stands. A moved
// node's dockerfile-ast node (`ast`) is parsed again, lazily, where it now is.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { DockerfileModel, InstructionNode, RunInfo, Span } from './types';

/** The text that lazily parsed `ast`s read: one per chain of versions, always the newest text. */
export interface Source {
  text: string;
  escape: string;
}
export const sources = new WeakMap<DockerfileModel, Source>();

/**
 * The model with every node's `ast` parsed again on demand, so that it does not
 * hold dockerfile-ast's tree of the whole text: the server keeps a model for
 * every open document.
 */
export function detachAst(model: DockerfileModel): DockerfileModel {
  const source = sources.get(model) ?? { text: model.text, escape: model.escape };
  for (const node of model.instructions) {
    lazyAst(node, source);
    for (let t = node.trigger, parent = node; t; parent = t, t = t.trigger) triggerAst(t, parent);
  }
  sources.set(model, source);
  return model;
}

function shift(span: Span, by: number): void {
  span.start += by;
  span.end += by;
}

function shiftRun(run: RunInfo, by: number): void {
  run.flags.forEach((f) => shift(f, by));
  for (const command of run.commands) {
    shift(command, by);
    command.assignments.forEach((w) => shift(w, by));
    command.words.forEach((w) => shift(w, by));
    for (const r of command.redirects) {
      shift(r, by);
      if (r.target) shift(r.target, by);
    }
  }
  for (const h of run.heredocs) {
    if (h.body) shift(h.body, by);
    if (h.delimiter) shift(h.delimiter, by);
  }
  shift(run.script, by);
}

/** Moves a node by `by` offsets and `lines` lines; its `ast` is parsed again, lazily, where it now stands. */
export function move(node: InstructionNode, by: number, lines: number, source: Source, parent: InstructionNode | null = null): void {
  shift(node, by);
  shift(node.keywordSpan, by);
  node.args.forEach((a) => shift(a, by));
  if (node.run) shiftRun(node.run, by);
  node.line += lines;
  if (parent) triggerAst(node, parent);
  else lazyAst(node, source);
  if (node.trigger) move(node.trigger, by, lines, source, node);
}

const triggers = new WeakSet<InstructionNode>();

/** A trigger's `ast` is what its ONBUILD's `ast` holds (its ONBUILD node never changes). */
function triggerAst(trigger: InstructionNode, parent: InstructionNode): void {
  if (triggers.has(trigger)) return;
  triggers.add(trigger);
  Object.defineProperty(trigger, 'ast', {
    configurable: true,
    enumerable: true,
    get: () => (parent.ast as unknown as { getTriggerInstruction(): Instruction }).getTriggerInstruction(),
  });
}

/**
 * dockerfile-ast's node for one instruction, with the ranges it has in the
 * whole text: the instruction's lines are parsed alone, below blank lines that
 * put them where they stand (and the escape directive, when there is one).
 * The getter is defined once per node; what it parsed is kept while the node
 * stays where it was parsed.
 */
const parsedAt = new WeakMap<InstructionNode, { source: Source; start: number; line: number; ast: Instruction }>();
const sourceOf = new WeakMap<InstructionNode, Source>();

export function lazyAst(node: InstructionNode, source: Source): void {
  const defined = sourceOf.has(node);
  sourceOf.set(node, source);
  if (defined) return;
  Object.defineProperty(node, 'ast', {
    configurable: true,
    enumerable: true,
    get: () => {
      const from = sourceOf.get(node)!;
      const cached = parsedAt.get(node);
      if (cached && cached.source === from && cached.start === node.start && cached.line === node.line) return cached.ast;
      const directive = from.escape === '\\' ? '' : `# escape=${from.escape}\n`;
      const lineStart = node.start - node.indent.length;
      const padded = directive + '\n'.repeat(node.line - (directive ? 1 : 0)) + from.text.slice(lineStart, node.end);
      const ast = DockerfileParser.parse(padded).getInstructions()[0];
      parsedAt.set(node, { source: from, start: node.start, line: node.line, ast });
      return ast;
    },
  });
}
