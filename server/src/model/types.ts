// The model every rule reads: built once per text version (by the fast scanner,
// or from dockerfile-ast's tree; see build.ts), with document offsets (UTF-16 code units, end exclusive) on everything a
// finding or a fix may point at.
import type { Instruction } from 'dockerfile-ast';
import type { CheckDirective } from './checkDirective';

export interface Span {
  start: number;
  end: number;
}

/** One shell word, after quote removal, with where it stands in the document. */
export interface Word extends Span {
  /** The word as the shell sees it once quotes and escapes are removed. */
  value: string;
  /** The word's source text with continuations and comment lines removed. */
  raw: string;
  /** True when the word contains `$` or a backquote, so its value is not known. */
  expands: boolean;
}

/** What joins a command to the one before it. */
export type Separator = '&&' | '||' | ';' | '|' | '&' | '\n';

export interface Redirect extends Span {
  op: string;
  target: Word | null;
}

/** A simple command: `A=1 apt-get install -y x >/dev/null`. */
export interface ShellCommand extends Span {
  /** Leading `NAME=value` words. */
  assignments: Word[];
  /** The command name and its arguments; redirections are left out. */
  words: Word[];
  redirects: Redirect[];
  /** The operator before this command; null for the first command of a script. */
  separator: Separator | null;
}

export interface RunFlag extends Span {
  name: string;
  value: string | null;
}

export interface Heredoc {
  name: string;
  /** The body, from the line after the marker to the line before the delimiter. */
  body: Span | null;
  /** The closing delimiter line, null when the heredoc is not terminated. */
  delimiter: Span | null;
}

export interface RunInfo {
  form: 'shell' | 'exec' | 'heredoc';
  flags: RunFlag[];
  /** Every simple command in the script, heredoc bodies that the shell runs included. */
  commands: ShellCommand[];
  /** The argv of the exec (JSON) form. */
  exec: string[] | null;
  heredocs: Heredoc[];
  /** The shell text after the flags, up to the end of the first line's commands. */
  script: Span;
}

export interface InstructionNode extends Span {
  /** Position among the top-level instructions, or of its ONBUILD parent. */
  index: number;
  /** Upper-case keyword, such as RUN. */
  keyword: string;
  keywordSpan: Span;
  /** Arguments as dockerfile-ast splits them (on white space). */
  args: Word[];
  /** Index of the stage it belongs to; -1 before the first FROM. */
  stage: number;
  /** 0-based line of the keyword. */
  line: number;
  /** White space before the keyword on its line. */
  indent: string;
  run: RunInfo | null;
  /** For ONBUILD, the instruction it triggers. */
  trigger: InstructionNode | null;
  /** For a trigger, the ONBUILD that holds it. */
  onbuild: InstructionNode | null;
  /**
   * dockerfile-ast's node, with ranges in the whole text. Most models are built
   * without dockerfile-ast's tree, so this is parsed on first use (for the one
   * instruction): rules on the per-keystroke path should read the model instead.
   */
  ast: Instruction;
}

export interface Stage {
  index: number;
  /** The `AS name`, lower-cased, as stage references are case-insensitive. */
  name: string | null;
  from: InstructionNode;
  /** The image as written, such as `ubuntu:$OS_VERSION`. */
  image: string;
  imageSpan: Span | null;
  /** The image with global ARG defaults substituted; null when a value is unknown. */
  resolvedImage: string | null;
  /** The earlier stage this one builds FROM, if any. */
  baseStage: number | null;
  /** Stages that this one copies from with `COPY --from`. */
  copiesFrom: number[];
  instructions: InstructionNode[];
}

export interface DockerfileModel {
  text: string;
  escape: string;
  /** Offset at which each line starts. */
  lineStarts: number[];
  instructions: InstructionNode[];
  stages: Stage[];
  /** ARG instructions before the first FROM, in order. */
  globalArgs: InstructionNode[];
  /** BuildKit's `# check=` directive: which build checks to skip, and whether they fail the build. */
  checks: CheckDirective;
}
