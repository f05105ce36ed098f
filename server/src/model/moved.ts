// Nodes that move: the incremental model keeps the nodes of instructions an
// edit did not touch and shifts their offsets and lines, and the fast scanner
// builds nodes for a stretch of text and moves them where it stands. A moved
// node's dockerfile-ast node (`ast`) is parsed again, lazily, where it now is.
import { DockerfileParser, type Instruction, type Onbuild } from 'dockerfile-ast';
import { Slot } from './slots';
import { unshared } from './unshared';
import type { DockerfileModel, InstructionNode, RunInfo, Span, Word } from './types';

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
    for (let t = node.trigger; t; t = t.trigger) realAst.delete(t);
  }
  sources.set(model, source);
  return model;
}

function shift(span: Span, by: number): void {
  span.start += by;
  span.end += by;
}

/** Plain loops rather than forEach with a closure: this runs for every node after an edit, on every keystroke. */
function shiftAll(spans: readonly Span[], by: number): void {
  for (const span of spans) shift(span, by);
}

function shiftRun(run: RunInfo, by: number): void {
  shiftAll(run.flags, by);
  for (const command of run.commands) {
    shift(command, by);
    shiftAll(command.assignments, by);
    shiftAll(command.words, by);
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

/**
 * Moves a node by `by` offsets and `lines` lines; its `ast` is parsed again, lazily, where it now stands. Its
 * own span, keyword and line move now; its words, flags and commands when they are next read (see ModelNode).
 */
export function move(node: InstructionNode, by: number, lines: number, source: Source): void {
  shift(node, by);
  shift(node.keywordSpan, by);
  (node as ModelNode).unshifted += by;
  node.line += lines;
  lazyAst(node, source);
  if (node.trigger) move(node.trigger, by, lines, source);
}

/**
 * Shifts the words, flags and commands of a node (and of its trigger) that moved since they were last read.
 * The getters do it for whoever reads `args` or `run`; the engine calls this for the nodes a rule collected
 * from before its check, since collected facts (and the caches kept by node that collects read) hold words.
 */
export function settle(node: InstructionNode): void {
  for (let n: InstructionNode | null = node; n; n = n.trigger) if ((n as ModelNode).unshifted !== 0) (n as ModelNode).settle();
}

/** dockerfile-ast's node where the node was built from its tree, until the node moves. */
const realAst = new Slot<InstructionNode, Instruction>();
const sourceOf = new Slot<InstructionNode, Source>();
const parsedAt = new Slot<InstructionNode, { source: Source | Instruction; start: number; line: number; ast: Instruction }>();

/** From now on the node's `ast` is parsed on demand from `source`, where the node stands. */
export function lazyAst(node: InstructionNode, source: Source): void {
  realAst.delete(node);
  sourceOf.set(node, source);
}

/**
 * The model's node. `ast` is a getter, so that a node need not hold
 * dockerfile-ast's tree (the server keeps a model per open document) and can be
 * parsed again lazily once it moves. `args` and `run` are getters too: a
 * keystroke moves every node after it, and shifting each word and command of
 * thousands of nodes cost half of a keystroke's update in a long file, where
 * few of them are read before the next keystroke moves them again. A moved
 * node counts how far its words lag and shifts them when they are read.
 */
class ModelNode implements InstructionNode {
  index: number;
  keyword: string;
  keywordSpan: Span;
  stage: number;
  line: number;
  indent: string;
  trigger: InstructionNode | null;
  onbuild: InstructionNode | null;
  start: number;
  end: number;
  /** How far the node moved since its words, flags and commands were last shifted. */
  unshifted = 0;
  private words: Word[];
  private runInfo: RunInfo | null;

  constructor(fields: Omit<InstructionNode, 'ast'>) {
    this.index = fields.index;
    this.keyword = fields.keyword;
    this.keywordSpan = fields.keywordSpan;
    this.stage = fields.stage;
    this.line = fields.line;
    this.indent = fields.indent;
    this.trigger = fields.trigger;
    this.onbuild = fields.onbuild;
    this.start = fields.start;
    this.end = fields.end;
    this.words = fields.args;
    this.runInfo = fields.run;
  }

  get args(): Word[] {
    if (this.unshifted !== 0) this.settle();
    return this.words;
  }

  get run(): RunInfo | null {
    if (this.unshifted !== 0) this.settle();
    return this.runInfo;
  }

  /** Set by the builders, once a RUN's words are read: a RunInfo set is where the node now stands. */
  set run(run: RunInfo | null) {
    if (this.unshifted !== 0) this.settle();
    this.runInfo = run;
  }

  get ast(): Instruction {
    return astOf(this);
  }

  settle(): void {
    const by = this.unshifted;
    this.unshifted = 0;
    shiftAll(this.words, by);
    if (this.runInfo) shiftRun(this.runInfo, by);
  }

  /**
   * The node as rules read it, words shifted (JSON.stringify reads own properties, not getters), without the
   * ONBUILD a trigger points back to.
   */
  toJSON(): Omit<InstructionNode, 'ast' | 'onbuild'> {
    const { index, keyword, keywordSpan, args, stage, line, indent, run, trigger, start, end } = this;
    return { index, keyword, keywordSpan, args, stage, line, indent, run, trigger, start, end };
  }
}

/** A node; `ast` is dockerfile-ast's node when the caller has it, else `source` says where to parse it from. */
export function createNode(fields: Omit<InstructionNode, 'ast'>, ast: Instruction | Source): InstructionNode {
  const node = new ModelNode(fields);
  if ('text' in ast && 'escape' in ast && !('getKeyword' in ast)) sourceOf.set(node, ast);
  else realAst.set(node, ast as Instruction);
  return node;
}

/**
 * dockerfile-ast's node for one instruction, with the ranges it has in the
 * whole text. A trigger's is its ONBUILD's trigger; any other is parsed from
 * the instruction's lines alone, below blank lines that put them where they
 * stand (and the escape directive, when there is one), and kept while the
 * node stays there.
 */
function astOf(node: InstructionNode): Instruction {
  const real = realAst.get(node);
  if (real) return real;
  const cached = parsedAt.get(node);
  if (node.onbuild) {
    const parent = node.onbuild.ast;
    if (cached && cached.source === parent) return cached.ast;
    const ast = (parent as Onbuild).getTriggerInstruction()!;
    parsedAt.set(node, { source: parent, start: node.start, line: node.line, ast });
    return ast;
  }
  const from = sourceOf.get(node);
  if (!from) throw new Error(`no text to parse instruction ${node.index} from`);
  if (cached && cached.source === from && cached.start === node.start && cached.line === node.line) return cached.ast;
  const directive = from.escape === '\\' ? '' : `# escape=${from.escape}\n`;
  const lineStart = node.start - node.indent.length;
  const padded = directive + '\n'.repeat(node.line - (directive ? 1 : 0)) + from.text.slice(lineStart, node.end);
  const ast = DockerfileParser.parse(padded).getInstructions()[0];
  parsedAt.set(node, { source: from, start: node.start, line: node.line, ast });
  return ast;
}

const valuesParsed = new Slot<InstructionNode, Instruction>();

/**
 * dockerfile-ast's node for reading values (property names and values, flag
 * values), parsed from the instruction's own lines without placing it where it
 * stands: its ranges are wrong, and its values right. Parsing an `ast` puts
 * blank lines above the instruction to place it, which costs as much as the
 * lines above it; values need none of that, and stay right when the node moves.
 */
export function valuesAst(node: InstructionNode): Instruction {
  const real = realAst.get(node);
  if (real || node.onbuild) return real ?? node.ast;
  let ast = valuesParsed.get(node);
  if (!ast) {
    const from = sourceOf.get(node);
    if (!from) throw new Error(`no text to parse instruction ${node.index} from`);
    const directive = from.escape === '\\' ? '' : `# escape=${from.escape}\n`;
    ast = DockerfileParser.parse(directive + from.text.slice(node.start - node.indent.length, node.end)).getInstructions()[0];
    valuesParsed.set(node, ast);
  }
  return ast;
}

/**
 * The instruction's text, from its keyword to its end, when the node was built from a text it knows: a copy,
 * since what is read from it is kept with the node.
 */
export function instructionText(node: InstructionNode): string | null {
  const from = sourceOf.get(node);
  return from && !realAst.has(node) && !node.onbuild ? unshared(from.text.slice(node.start, node.end)) : null;
}

/** The keyword as written (`from`, `Run`), where the node is now: node.keyword is upper-cased. */
export function writtenKeyword(node: InstructionNode): string {
  const from = sourceOf.get(node);
  if (from && !realAst.has(node) && !node.onbuild) return from.text.slice(node.keywordSpan.start, node.keywordSpan.end);
  return node.ast.getInstruction();
}

/**
 * The instruction's text, from its keyword to its end, to be read at once and not kept (it is a slice of the
 * whole text): for the few rules that look at its layout, such as blank lines inside it.
 */
export function writtenText(node: InstructionNode): string {
  const from = sourceOf.get(node);
  if (from && !realAst.has(node) && !node.onbuild) return from.text.slice(node.start, node.end);
  return node.ast.getTextContent();
}
