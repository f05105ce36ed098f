// Builds the model from a Dockerfile's text: the fast scanner (scan.ts) or,
// for texts it leaves alone, dockerfile-ast finds the instructions, and this
// module adds document offsets, stages and, for each RUN, its shell commands.
import { DockerfileParser, type Instruction, type Run, type Onbuild, type Copy, type Dockerfile } from 'dockerfile-ast';
import { readCheckDirective } from './checkDirective';
import { heredocsOf } from './heredocs';
import { computeLineStarts, lineContentEnd, lineOf, offsetAt } from './lines';
import { tokenizeShell, type LogicalText } from './shell';
import type { DockerfileModel, Heredoc, InstructionNode, RunFlag, RunInfo, Stage, Span, Word } from './types';
import { createNode, valuesAst } from './moved';
import { scanModel, scanNodes } from './scan';
import { Slot } from './slots';
import { substituteArgs } from './scope';

/** Shells whose heredoc body is a script that Layerwise should read. */
const SCRIPT_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/bash', '/bin/zsh']);

export function buildModel(text: string): DockerfileModel {
  return scanModel(text, assembleModel) ?? parseModel(text);
}

/** The model through dockerfile-ast's whole tree: for texts the fast scanner leaves to it. */
export function parseModel(text: string): DockerfileModel {
  const { nodes, escape, lineStarts } = parseNodes(text);
  return assembleModel(text, escape, lineStarts, nodes);
}

/** The nodes of a text, through the fast scanner where it can read the text. */
export function nodesOf(text: string): { nodes: InstructionNode[]; escape: string; lineStarts: number[] } {
  return scanNodes(text) ?? parseNodes(text);
}

/** The instruction nodes of a text, with `index` and `stage` still to be set by `assembleModel`. */
export function parseNodes(text: string): { nodes: InstructionNode[]; escape: string; lineStarts: number[] } {
  const ast = DockerfileParser.parse(text);
  const lineStarts = computeLineStarts(text);
  const escape = ast.getEscapeCharacter();
  const ctx: BuildContext = { text, lineStarts, escape, ast };
  return { nodes: ast.getInstructions().map((instruction) => toNode(ctx, instruction, 0, -1)), escape, lineStarts };
}

/** Numbers the nodes and groups them into stages: cheap, so it is redone for every text version. */
export function assembleModel(text: string, escape: string, lineStarts: number[], nodes: InstructionNode[]): DockerfileModel {
  const stages: Stage[] = [];
  const globalArgs: InstructionNode[] = [];
  const stageByName = new Map<string, number>();
  const resolved = new Map<string, string | null>();

  nodes.forEach((node, index) => {
    node.index = index;
    node.stage = stages.length - 1;
    for (let t = node.trigger; t; t = t.trigger) {
      t.index = index;
      t.stage = node.stage;
    }
    if (node.keyword === 'FROM') {
      const stage = toStage(node, stages.length, stageByName, globalArgs, resolved);
      stages.push(stage);
      node.stage = stage.index;
      if (stage.name !== null) stageByName.set(stage.name, stage.index);
      stage.instructions.push(node);
    } else if (stages.length === 0) {
      if (node.keyword === 'ARG') globalArgs.push(node);
    } else {
      const stage = stages[stages.length - 1];
      stage.instructions.push(node);
      const from = copyFromStage(text, node, stageByName);
      if (from !== null && !stage.copiesFrom.includes(from)) stage.copiesFrom.push(from);
    }
  });
  return { text, escape, lineStarts, instructions: nodes, stages, globalArgs, checks: readCheckDirective(text) };
}

interface BuildContext {
  text: string;
  lineStarts: number[];
  escape: string;
  ast: Dockerfile;
}

function toNode(ctx: BuildContext, instruction: Instruction, index: number, stage: number): InstructionNode {
  const { text, lineStarts } = ctx;
  const range = instruction.getRange();
  const start = offsetAt(lineStarts, text, range.start);
  const end = offsetAt(lineStarts, text, range.end);
  const kwRange = instruction.getInstructionRange();
  const keywordSpan = { start: offsetAt(lineStarts, text, kwRange.start), end: offsetAt(lineStarts, text, kwRange.end) };
  const line = range.start.line;
  const node = createNode(
    {
      index,
      keyword: instruction.getKeyword(),
      keywordSpan,
      args: instruction.getArguments().map((a) => {
        const r = a.getRange();
        const value = a.getValue();
        return {
          value,
          raw: value,
          expands: value.includes('$'),
          start: offsetAt(lineStarts, text, r.start),
          end: offsetAt(lineStarts, text, r.end),
        };
      }),
      stage,
      line,
      indent: text.slice(lineStarts[line], keywordSpan.start),
      run: null,
      trigger: null,
      onbuild: null,
      start,
      end,
    },
    instruction,
  );
  if (node.keyword === 'RUN') node.run = toRun(ctx, instruction as Run, node);
  if (node.keyword === 'ONBUILD') {
    const trigger = (instruction as Onbuild).getTriggerInstruction();
    if (trigger) {
      node.trigger = toNode(ctx, trigger, index, stage);
      node.trigger.onbuild = node;
    }
  }
  return node;
}

function toRun(ctx: BuildContext, run: Run, node: InstructionNode): RunInfo {
  const { text, lineStarts } = ctx;
  const flags = run.getFlags().map((f) => {
    const r = f.getRange();
    return { name: f.getName(), value: f.getValue(), start: offsetAt(lineStarts, text, r.start), end: offsetAt(lineStarts, text, r.end) };
  });
  // dockerfile-ast computes a RUN's arguments again on every call, so the node's
  // are reused, and heredocs are looked for only where the text can hold one.
  const mayHoldHeredoc = text.slice(node.keywordSpan.end, node.end).includes('<<');
  const heredocs: Heredoc[] = (mayHoldHeredoc ? heredocsOf(run) : []).map((h) => {
    const content = h.getContentRange();
    const delimiter = h.getDelimiterRange();
    return {
      name: h.getName(),
      body: content ? { start: offsetAt(lineStarts, text, content.start), end: offsetAt(lineStarts, text, content.end) } : null,
      delimiter: delimiter ? { start: offsetAt(lineStarts, text, delimiter.start), end: offsetAt(lineStarts, text, delimiter.end) } : null,
    };
  });
  return runInfo(ctx, node, flags, heredocs);
}

/** A RUN's shell commands, from its flags and heredocs: shared with the fast scanner. */
export function runInfo(ctx: { text: string; lineStarts: number[]; escape: string }, node: InstructionNode, flags: RunFlag[], heredocs: Heredoc[]): RunInfo {
  const { text, lineStarts } = ctx;
  const scriptStart = node.args.length > 0 ? node.args[0].start : node.end;
  const firstBody = heredocs.find((h) => h.body)?.body?.start;
  const scriptEnd = heredocs.length > 0 ? Math.min(firstBody ?? node.end, lineContentEnd(lineStarts, text, lineOf(lineStarts, scriptStart))) : node.end;
  const script = { start: scriptStart, end: Math.max(scriptStart, scriptEnd) };
  const logical = logicalText(ctx, script);

  const exec = heredocs.length === 0 ? parseExecForm(logical.text) : null;
  if (exec) {
    return { form: 'exec', flags, commands: [execCommand(exec, logical, script)], exec, heredocs, script };
  }
  const commands = tokenizeShell(logical);
  if (heredocs.length > 0) {
    const opener = commands[0];
    const name = opener?.words[0]?.value;
    // `RUN <<EOF` and `RUN bash <<EOF` run the body as a script; for
    // `RUN python3 <<EOF` or `cat <<EOF > file` the body is data.
    const bodyIsScript = opener && (opener.words.length === 0 || (SCRIPT_SHELLS.has(name ?? '') && opener.words.length === 1));
    if (bodyIsScript) {
      // The opener only feeds the body to a shell; the body's commands are what runs.
      commands.shift();
      for (const h of heredocs) {
        if (!h.body) continue;
        commands.push(...tokenizeShell({ text: text.slice(h.body.start, h.body.end), map: null, base: h.body.start }, '\n'));
      }
    }
    return { form: 'heredoc', flags, commands, exec: null, heredocs, script };
  }
  return { form: 'shell', flags, commands, exec: null, heredocs, script };
}

/**
 * The text of `span` as the shell receives it: line continuations removed and,
 * after a continuation, blank lines and comment lines dropped, as Docker does.
 */
export function logicalText(ctx: { text: string; lineStarts: number[]; escape: string }, span: Span): LogicalText {
  const { text, lineStarts, escape } = ctx;
  const firstLine = lineOf(lineStarts, span.start);
  const lastLine = lineOf(lineStarts, Math.max(span.start, span.end - 1));
  if (firstLine === lastLine) {
    return { text: text.slice(span.start, trimContinuation(text, span.start, Math.min(span.end, lineContentEnd(lineStarts, text, firstLine)), escape)), map: null, base: span.start };
  }
  let out = '';
  // Sized once for the whole span: a growing array per character is the build's largest garbage.
  const map = new Int32Array(span.end - span.start);
  let mapped = 0;
  for (let line = firstLine; line <= lastLine; line++) {
    const from = line === firstLine ? span.start : lineStarts[line];
    const to = Math.min(span.end, lineContentEnd(lineStarts, text, line));
    if (line !== firstLine && isBlankOrComment(text, from, to)) continue;
    const stop = trimContinuation(text, from, to, escape);
    out += text.slice(from, stop);
    for (let k = from; k < stop; k++) map[mapped++] = k;
  }
  return { text: out, map, base: span.start };
}

/** Where a line's text ends once a trailing continuation (`\` and spaces) is cut. */
function trimContinuation(text: string, from: number, to: number, escape: string): number {
  let e = to;
  while (e > from && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e > from && text[e - 1] === escape ? e - 1 : to;
}

function isBlankOrComment(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text[k];
    if (c === ' ' || c === '\t') continue;
    return c === '#';
  }
  return true;
}

/** The argv of `["a", "b"]`, or null when the text is not a JSON array of strings (then Docker runs it through the shell). */
function parseExecForm(args: string): string[] | null {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((s) => typeof s === 'string') ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}

/** One command for the exec form, each word spanning its JSON string literal. */
function execCommand(argv: string[], logical: LogicalText, script: Span) {
  const at = (i: number) => (logical.map ? logical.map[i] : logical.base + i);
  const words: Word[] = [];
  const t = logical.text;
  let i = 0;
  for (const value of argv) {
    const open = t.indexOf('"', i);
    let close = open + 1;
    while (close < t.length && t[close] !== '"') close += t[close] === '\\' ? 2 : 1;
    words.push({ value, raw: t.slice(open, close + 1), expands: false, start: at(open), end: at(Math.min(close, t.length - 1)) + 1 });
    i = close + 1;
  }
  return { assignments: [], words, redirects: [], separator: null, start: words[0]?.start ?? script.start, end: words[words.length - 1]?.end ?? script.end };
}

/** What a FROM's own words say, kept by node: it depends only on the instruction's text. */
interface FromWords {
  /** The image's place among the node's words (flags come before it); -1 when there is none. */
  imageAt: number;
  name: string | null;
}
const fromWordsByNode = new Slot<InstructionNode, FromWords>();

function fromWords(from: InstructionNode, args: readonly Word[]): FromWords {
  let words = fromWordsByNode.get(from);
  if (!words) {
    const plain = args.filter((a) => !a.value.startsWith('--'));
    const name = plain.length >= 3 && plain[1].value.toLowerCase() === 'as' ? plain[2].value.toLowerCase() : null;
    fromWordsByNode.set(from, (words = { imageAt: plain.length > 0 ? args.indexOf(plain[0]) : -1, name }));
  }
  return words;
}

/**
 * A stage, made again on every keystroke: what the FROM says is read once per node, and each image's ARG
 * substitution once per model (`resolved`), since hundreds of stages of a long file name a few images.
 */
function toStage(from: InstructionNode, index: number, stageByName: Map<string, number>, globalArgs: InstructionNode[], resolved: Map<string, string | null>): Stage {
  const args = from.args;
  const { imageAt, name } = fromWords(from, args);
  const imageWord = imageAt >= 0 ? args[imageAt] : null;
  const image = imageWord?.value ?? '';
  let resolvedImage = resolved.get(image);
  if (resolvedImage === undefined) resolved.set(image, (resolvedImage = substituteArgs(image, globalArgs)));
  const baseStage = resolvedImage !== null ? (stageByName.get(resolvedImage.toLowerCase()) ?? null) : null;
  return {
    index,
    name,
    from,
    image,
    imageSpan: imageWord ? { start: imageWord.start, end: imageWord.end } : null,
    resolvedImage,
    baseStage,
    copiesFrom: [],
    instructions: [],
  };
}

/** A COPY's `--from` value; cached by node, since it depends only on the instruction's own text. */
const fromFlags = new Slot<InstructionNode, string | null>();

function fromFlag(text: string, node: InstructionNode): string | null {
  let value = fromFlags.get(node);
  if (value === undefined) {
    // Only a COPY with a flag pays for dockerfile-ast's flag parsing (its arguments leave flags out).
    value = text.slice(node.keywordSpan.end, node.end).includes('--') ? ((valuesAst(node) as Copy).getFromFlag()?.getValue() ?? null) : null;
    fromFlags.set(node, value);
  }
  return value;
}

function copyFromStage(text: string, node: InstructionNode, stageByName: Map<string, number>): number | null {
  if (node.keyword !== 'COPY') return null;
  const value = fromFlag(text, node);
  if (!value) return null;
  const byName = stageByName.get(value.toLowerCase());
  if (byName !== undefined) return byName;
  return /^\d+$/.test(value) ? Number(value) : null;
}
