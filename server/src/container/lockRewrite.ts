// The Dockerfile rewrite that goes with a lockfile: the lesson's pattern
//
//   ARG REQ_FILE=requirements-<label>.txt
//   COPY requirements.in /
//   COPY $REQ_FILE /requirements.txt
//   RUN pip --no-cache-dir install --no-deps -r /requirements.txt
//
// (for conda: `conda install -y --no-deps --file /requirements.yaml && conda clean -ay`)
// put in the final stage where it installed those requirements before. Pure:
// text in, text out; the front ends show it as a diff before it is written.
import { CONDA, PIP, callsIn, type ToolCall } from '../engine/commands';
import { eol, indentOf } from '../engine/edits';
import type { TextEdit } from '../engine/rule';
import { buildModel } from '../model/build';
import { lineContentEnd, lineOf } from '../model/lines';
import type { DockerfileModel, InstructionNode, Stage } from '../model/types';
import { normaliseName } from './lockfile';

export interface RewriteOptions {
  /** The lockfile's name beside the Dockerfile, such as requirements-6dec.txt. */
  lockfile: string;
  /** The input it was made from (requirements.in, pyproject.toml, environment.yml), copied in to document the image. */
  input: string;
  kind: 'pip' | 'conda';
  /** The lockfile carries hashes: install with --require-hashes. */
  hashes: boolean;
  /** The names the lockfile pins: an install of any of them is an install of those requirements. */
  lockedNames: readonly string[];
}

export interface Rewrite {
  text: string;
  /** What the user should know: installs left as they were, why the block went where it did. */
  notes: string[];
}

/** A package name from an install operand (`astropy==3.2.3`, `numpy>=1`, `conda-forge::numpy=1.19`). */
function packageName(operand: string): string {
  return normaliseName(operand.replace(/^[^:]*::/, '').split(/[\s=<>!~;[@]/, 1)[0]);
}

function optionValue(call: ToolCall, names: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < call.args.length; i++) {
    const v = call.args[i].value;
    for (const n of names) {
      if (v === n && call.args[i + 1]) values.push(call.args[i + 1].value);
      else if (n.startsWith('--') && v.startsWith(`${n}=`)) values.push(v.slice(n.length + 1));
    }
  }
  return values;
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Whether the call installs the locked requirements: from the input or a lockfile, or naming a locked package. */
function installsLocked(call: ToolCall, o: RewriteOptions, names: Set<string>): boolean {
  if (call.subcommand?.value !== 'install') return false;
  const files = optionValue(call, o.kind === 'pip' ? ['-r', '--requirement'] : ['--file']);
  if (files.some((f) => base(f) === o.input || /requirements/i.test(base(f)) || f.includes('REQ_FILE'))) return true;
  return call.operands.some((w) => names.has(packageName(w.value)));
}

function copiesOnly(node: InstructionNode, test: (source: string) => boolean): boolean {
  if (node.keyword !== 'COPY' && node.keyword !== 'ADD') return false;
  const words = node.args.filter((w) => !w.value.startsWith('--'));
  const sources = words.slice(0, -1);
  return sources.length > 0 && sources.every((s) => test(s.value));
}

function blockLines(o: RewriteOptions, tool: string): { args: string[]; install: string } {
  const target = o.kind === 'pip' ? '/requirements.txt' : '/requirements.yaml';
  return {
    args: [`ARG REQ_FILE=${o.lockfile}`, `COPY ${o.input} /`, `COPY $REQ_FILE ${target}`],
    install:
      o.kind === 'pip'
        ? `${tool} --no-cache-dir install --no-deps${o.hashes ? ' --require-hashes' : ''} -r ${target}`
        : `${tool} install -y --no-deps --file ${target}`,
  };
}

function toolText(call: ToolCall | undefined, kind: 'pip' | 'conda'): string {
  if (!call) return kind;
  const tool = call.tool.value;
  return /^python[\d.]*$/.test(base(tool)) ? `${tool} -m pip` : tool;
}

function lineSpan(model: DockerfileModel, node: InstructionNode): { start: number; end: number } {
  const first = lineOf(model.lineStarts, node.start);
  const last = lineOf(model.lineStarts, Math.max(node.start, node.end - 1));
  return { start: model.lineStarts[first], end: lineContentEnd(model.lineStarts, model.text, last) };
}

function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function rewriteForLockfile(text: string, o: RewriteOptions): Rewrite {
  const model = buildModel(text);
  const stage: Stage | undefined = model.stages[model.stages.length - 1];
  if (!stage) throw new Error('the Dockerfile has no FROM: there is no stage to rewrite');
  const nl = eol(model);
  const names = new Set(o.lockedNames.map(packageName));
  const spec = o.kind === 'pip' ? PIP : CONDA;
  const notes: string[] = [];
  const edits: TextEdit[] = [];
  const installs = stage.instructions.flatMap((node) => callsIn(node, spec).filter((c) => installsLocked(c, o, names)).map((call) => ({ node, call })));
  const first = installs[0];
  const { args, install } = blockLines(o, toolText(first?.call, o.kind));
  const removed: InstructionNode[] = [];
  // What the block replaces: the ARG REQ_FILE and the copies of the input or of an earlier lockfile.
  for (const node of stage.instructions) {
    if (node === first?.node) continue;
    const oldArg = node.keyword === 'ARG' && node.args.some((w) => /^REQ_FILE(=|$)/.test(w.value));
    const oldCopy = copiesOnly(node, (s) => base(s) === o.input || s.includes('REQ_FILE') || /^requirements[\w.-]*\.(txt|ya?ml|in)$/.test(base(s)));
    if (oldArg || oldCopy) removed.push(node);
  }
  if (!first) {
    const end = stage.instructions.find((n) => n.keyword === 'CMD' || n.keyword === 'ENTRYPOINT');
    const indent = end ? indentOf(end) : '';
    const lines = [...args, `RUN ${install}${o.kind === 'conda' ? ' && conda clean -ay' : ''}`].map((l) => indent + l);
    if (end) {
      const at = model.lineStarts[lineOf(model.lineStarts, end.start)];
      edits.push({ start: at, end: at, newText: lines.join(nl) + nl });
    } else {
      const last = stage.instructions[stage.instructions.length - 1];
      const at = lineSpan(model, last).end;
      edits.push({ start: at, end: at, newText: nl + lines.join(nl) });
    }
    edits.push(...removeLines(model, removed));
    notes.push(`no ${o.kind} install of these requirements was found in the final stage: the lockfile's install is added ${end ? `before its ${end.keyword}` : 'at its end'}`);
    return { text: applyEdits(text, edits), notes };
  }
  const run = first.node;
  const indent = indentOf(run);
  const own = run.run?.commands ?? [];
  if (run.run?.form === 'shell' && own.length === 1) {
    // The RUN does nothing else: the block takes its place.
    const lines = [...args, `RUN ${install}${o.kind === 'conda' ? ' && conda clean -ay' : ''}`].map((l, i) => (i === 0 ? l : indent + l));
    const span = lineSpan(model, run);
    edits.push({ start: span.start + indent.length, end: span.end, newText: lines.join(nl) });
  } else {
    // Other commands share the RUN: only the install changes, and the ARG and COPY lines go before it.
    const cleans = own.some((c) => readsCondaClean(c.words.map((w) => w.value)));
    edits.push({ start: first.call.command.start, end: first.call.command.end, newText: install + (o.kind === 'conda' && !cleans ? ' && conda clean -ay' : '') });
    const at = lineSpan(model, run).start;
    edits.push({ start: at, end: at, newText: args.map((l) => indent + l + nl).join('') });
  }
  for (const other of installs.slice(1)) {
    const only = other.node.run?.form === 'shell' && (other.node.run.commands.length ?? 0) === 1;
    if (only && other.node !== run) removed.push(other.node);
    else notes.push(`line ${other.node.line + 1} also installs locked packages and was left as it is: the lockfile installs them already`);
  }
  edits.push(...removeLines(model, removed));
  return { text: applyEdits(text, edits), notes };
}

/**
 * Removes the instructions' lines; where a group of them stood between blank
 * lines (or opened the file), one of the blanks goes too, so no gap is doubled.
 */
function removeLines(model: DockerfileModel, nodes: readonly InstructionNode[]): TextEdit[] {
  const { text, lineStarts } = model;
  const lines = new Set<number>();
  for (const n of nodes) {
    const last = lineOf(lineStarts, Math.max(n.start, n.end - 1));
    for (let l = lineOf(lineStarts, n.start); l <= last; l++) lines.add(l);
  }
  const blank = (l: number) => l >= 0 && l < lineStarts.length && text.slice(lineStarts[l], lineContentEnd(lineStarts, text, l)).trim() === '';
  const edits: TextEdit[] = [];
  const sorted = [...lines].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    let last = sorted[j];
    if ((sorted[i] === 0 || blank(sorted[i] - 1)) && blank(last + 1)) last++;
    edits.push({ start: lineStarts[sorted[i]], end: last + 1 < lineStarts.length ? lineStarts[last + 1] : text.length, newText: '' });
    i = j + 1;
  }
  return edits;
}

function readsCondaClean(words: string[]): boolean {
  return /^(conda|mamba|micromamba)$/.test(base(words[0] ?? '')) && words[1] === 'clean';
}

