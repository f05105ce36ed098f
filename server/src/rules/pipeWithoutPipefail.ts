import { baseName, runNode } from '../engine/commands';
import type { Catalogue } from '../catalogue/catalogue';
import type { Rule } from '../engine/rule';
import { stageBase } from './support/baseImage';
import { stageOnWindows } from './support/shells';
import { Slot } from '../model/slots';
import type { DockerfileModel, InstructionNode, ShellCommand, Stage } from '../model/types';

/** Commands that cannot fail in a way worth catching; `yes` even dies of SIGPIPE by design, which pipefail would turn into a failed build. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true', ':']);

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

/** A SHELL instruction, or the first pipeline of a RUN that no `set -o pipefail` before it guards. */
type PipeFact = { kind: 'shell' } | { kind: 'pipeline'; pipeline: ShellCommand[] };

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
    if (!pipeline) return null;
    const guarded = commands.some((c) => c.start < pipeline[0].start && c.words[0]?.value === 'set' && setsPipefail(c.words.map((w) => w.value)));
    return guarded ? null : { kind: 'pipeline', pipeline };
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
      const { pipeline } = fact;
      const head = pipeline[0].words[0];
      // Dash's want of pipefail is worth telling only where /bin/sh may be dash: not under a SHELL that has the
      // option, nor on Alpine, whose /bin/sh (busybox ash) has it.
      const alpine = (!shell || MAYBE_DASH.has(name)) && onAlpine(model, catalogue, stage);
      const messageId = shPipefail ? 'shPipefail' : shell && (!MAYBE_DASH.has(name) || alpine) ? 'pipeInShell' : alpine ? 'pipeAlpine' : 'pipe';
      report({
        span: { start: pipeline[0].start, end: pipeline[pipeline.length - 1].end },
        messageId,
        data: { command: head ? head.value : 'command', program: shell?.[0] ?? '' },
      });
    }
  },
};

/** Whether the stage's /bin/sh is busybox ash: its base image is an Alpine one, by the catalogue or by its name. */
function onAlpine(model: DockerfileModel, catalogue: Catalogue, stage: Stage): boolean {
  const base = stageBase(model, catalogue, stage);
  return base.known?.os === 'alpine' || /(^|[/:-])alpine/.test(base.image ?? '');
}
