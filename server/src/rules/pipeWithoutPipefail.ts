import { baseName, runNode } from '../engine/commands';
import type { Catalogue } from '../catalogue/catalogue';
import type { Rule } from '../engine/rule';
import { stageBase } from './support/baseImage';
import { stageOnWindows } from './support/shells';
import { Slot } from '../model/slots';
import type { DockerfileModel, InstructionNode, ShellCommand, Stage, Word } from '../model/types';

/** Commands that cannot fail in a way worth catching; `yes` even dies of SIGPIPE by design, which pipefail would turn into a failed build. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true', ':']);

/**
 * Commands that reshape the text piped into them and fail only when written wrong: after commands that cannot
 * fail, a pipe of them hides nothing. grep is not one: it fails when nothing matches.
 */
const TEXT_FILTERS = new Set(['sed', 'awk', 'gawk', 'mawk', 'tr', 'cut', 'sort', 'uniq', 'head', 'tail', 'rev', 'fold', 'paste']);

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
/**
 * Shells that may lack pipefail: dash, Debian's and Ubuntu's /bin/sh, stops at `-o pipefail` ("Illegal option",
 * tried on debian:bookworm-slim), so only Alpine's /bin/sh (busybox ash) has it. hadolint's DL4006 counts
 * pipefail for bash, zsh and ash alone.
 */
const MAYBE_DASH = new Set(['sh', 'dash']);

/** `-o pipefail` in a word list, alone or after a cluster such as `-euxo`. */
function setsPipefail(words: readonly string[]): boolean {
  return words.some((w, i) => w === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(words[i - 1]));
}

/** Kept by node: the argv depends only on the instruction's own text, which a kept node keeps. */
const argvOf = new Slot<InstructionNode, string[] | null>();

/** The argv of a SHELL instruction, or null when it is not a JSON array. */
function shellArgv(model: DockerfileModel, node: InstructionNode): string[] | null {
  let argv = argvOf.get(node);
  if (argv === undefined) argvOf.set(node, (argv = readShellArgv(model, node)));
  return argv;
}

function readShellArgv(model: DockerfileModel, node: InstructionNode): string[] | null {
  try {
    const parsed: unknown = JSON.parse(model.text.slice(node.args[0].start, node.args[node.args.length - 1].end));
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

/** The base image runs RUNs in cmd (Windows), or in a shell of its own that sets pipefail (micromamba's, the Jupyter stacks'). */
function baseShellExcused(model: DockerfileModel, catalogue: Catalogue, stage: Stage): boolean {
  if (stageOnWindows(model, catalogue, stage)) return true;
  return stageBase(model, catalogue, stage).known?.pipefail === true;
}

/** Each pipeline of a script: a command and those that `|` joins to it. */
function pipelines(commands: readonly ShellCommand[]): ShellCommand[][] {
  const found: ShellCommand[][] = [];
  for (let k = 1; k < commands.length; k++) {
    if (commands[k].separator !== '|') continue;
    let end = k;
    while (commands[end + 1]?.separator === '|') end++;
    found.push(commands.slice(k - 1, end + 1));
    k = end;
  }
  return found;
}

/**
 * A pipe in the command substitution of a command that only assigns (`V=$(curl -s URL | head -1)`): such a
 * command exits with the substitution's status, which is the last command's of the pipe, so a failed download
 * leaves V empty and the RUN going on. Elsewhere (`echo "$(a | b)"`) the command's own status counts, and
 * pipefail changes nothing. Read without nesting (no `(` or `)` inside), quotes blanked out.
 */
function substitutionPipe(command: ShellCommand): { word: Word; command: string } | null {
  if (command.words.length > 0) return null;
  for (const word of command.assignments) {
    // The source text, whose quotes still say which `|` is a character.
    const inner = /\$\(([^()]*)\)/.exec(word.raw)?.[1];
    if (!inner) continue;
    const parts = inner.replace(/'[^']*'|"[^"]*"/g, '""').split(/(?<!\|)\|(?!\|)/);
    if (parts.length < 2) continue;
    const names = parts.map((p) => baseName(p.trim().split(/\s+/)[0] ?? ''));
    // The first command whose failure the pipe hides. `$(echo $V | sed 's/\./ /g' | awk '{print $1}')` only
    // reshapes text that cannot fail to come: a filter fed by commands that cannot fail is one of them.
    const fails = names.slice(0, -1).find((n, i) => !CANNOT_FAIL.has(n) && !(i > 0 && TEXT_FILTERS.has(n)));
    if (fails === undefined) continue;
    return { word, command: fails };
  }
  return null;
}

/**
 * A SHELL instruction, or the first pipe of a RUN that no `set -o pipefail` before it guards: a pipeline, or one
 * in an assignment's substitution. It holds the words and commands themselves, which move with the text when a
 * keystroke above keeps this fact, never offsets read at collect.
 */
type PipeFact = { kind: 'shell' } | { kind: 'pipeline'; pipeline: ShellCommand[] } | { kind: 'substitution'; word: Word; command: string };

export const pipeWithoutPipefail: Rule<PipeFact> = {
  meta: {
    id: 'pipe-without-pipefail',
    title: 'A pipe in a RUN without set -o pipefail',
    severity: 'warning',
    category: 'hygiene',
    hadolint: ['DL4006'],
    fix: null,
    messages: {
      shPipefail:
        "SHELL [\"{program}\", \"-o\", \"pipefail\", ...] does not guard this pipe unless /bin/sh is Alpine's: Debian's and Ubuntu's (dash) have no pipefail option and stop every RUN at it. Name bash in the SHELL: SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"].",
      pipe: "Only the last command of a pipe decides whether the RUN fails, so a failed '{command}' goes unnoticed: set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before it (Debian's /bin/sh has no pipefail option for 'set -o pipefail').",
      pipeInShell:
        "Only the last command of a pipe decides whether the RUN fails, so a failed '{command}' goes unnoticed: add \"-o\", \"pipefail\" to the SHELL [\"{program}\", ...] this RUN runs in, which has the option, or start the RUN with 'set -o pipefail &&'.",
      pipeAlpine:
        "Only the last command of a pipe decides whether the RUN fails, so a failed '{command}' goes unnoticed: Alpine's /bin/sh has the option, so set SHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"] before it or start the RUN with 'set -o pipefail &&'.",
    },
  },
  collect(node) {
    if (node.keyword === 'SHELL' && node.args.length > 0) return { kind: 'shell' };
    const run = runNode(node);
    if (!run || run.run!.form === 'exec') return null;
    const commands = run.run!.commands;
    const pipeline = pipelines(commands).find((p) => !p.slice(0, -1).every((c) => CANNOT_FAIL.has(baseName(c.words[0]?.value ?? ''))));
    const substituted = commands.map((c) => ({ c, pipe: substitutionPipe(c) })).find(({ pipe }) => pipe !== null);
    // The first of the two in the RUN.
    const start = Math.min(pipeline?.[0].start ?? Infinity, substituted?.c.start ?? Infinity);
    if (start === Infinity) return null;
    const guarded = commands.some((c) => c.start < start && c.words[0]?.value === 'set' && setsPipefail(c.words.map((w) => w.value)));
    if (guarded) return null;
    return pipeline && pipeline[0].start === start ? { kind: 'pipeline', pipeline } : { kind: 'substitution', ...substituted!.pipe! };
  },
  local: true,
  check({ model, catalogue, report, collected }) {
    // The last SHELL of each stage so far (null when it is not a JSON array); a stage without one inherits the SHELL its base stage ends with.
    const lastShell = new Map<number, string[] | null>();
    const shellAtEnd = (stage: Stage): string[] | null =>
      lastShell.has(stage.index) ? lastShell.get(stage.index)! : stage.baseStage === null ? null : shellAtEnd(model.stages[stage.baseStage]);
    // True when no stage of the chain has a SHELL (one that is not a JSON array counts as set).
    const lastShellUnset = (stage: Stage): boolean =>
      !lastShell.has(stage.index) && (stage.baseStage === null || lastShellUnset(model.stages[stage.baseStage]));
    for (const { node, fact } of collected) {
      if (node.stage < 0) continue;
      if (fact.kind === 'shell') {
        lastShell.set(node.stage, shellArgv(model, node));
        continue;
      }
      const stage = model.stages[node.stage];
      const shell = shellAtEnd(stage);
      const name = baseName(shell?.[0] ?? '');
      if (shell && !POSIX_SHELLS.has(name)) continue;
      const shPipefail = shell !== null && setsPipefail(shell) && MAYBE_DASH.has(name);
      if (shell && setsPipefail(shell) && !(shPipefail && !onAlpine(model, catalogue, stage))) continue;
      // Without a SHELL of the file's own, the base image's shell: cmd on Windows, or one that sets pipefail already.
      if (!shell && lastShellUnset(stage) && baseShellExcused(model, catalogue, stage)) continue;
      // Dash's want of pipefail is worth telling only where /bin/sh may be dash: not under a SHELL that has the
      // option, nor on Alpine, whose /bin/sh (busybox ash) has it.
      const alpine = (!shell || MAYBE_DASH.has(name)) && onAlpine(model, catalogue, stage);
      const messageId = shPipefail ? 'shPipefail' : shell && (!MAYBE_DASH.has(name) || alpine) ? 'pipeInShell' : alpine ? 'pipeAlpine' : 'pipe';
      const span = fact.kind === 'pipeline' ? { start: fact.pipeline[0].start, end: fact.pipeline[fact.pipeline.length - 1].end } : { start: fact.word.start, end: fact.word.end };
      const command = fact.kind === 'pipeline' ? (fact.pipeline[0].words[0]?.value ?? 'command') : fact.command;
      report({ span, messageId, data: { command, program: shell?.[0] ?? '' } });
    }
  },
};

/** Whether the stage's /bin/sh is busybox ash: its base image is an Alpine one, by the catalogue or by its name. */
function onAlpine(model: DockerfileModel, catalogue: Catalogue, stage: Stage): boolean {
  const base = stageBase(model, catalogue, stage);
  return base.known?.os === 'alpine' || /(^|[/:-])alpine/.test(base.image ?? '');
}
