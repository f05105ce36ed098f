import { baseName, runNode } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { DockerfileModel, InstructionNode, ShellCommand } from '../model/types';

/** Commands that cannot fail in a way worth catching; `yes` even dies of SIGPIPE by design, which pipefail would turn into a failed build. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true', ':']);

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** `-o pipefail` in a word list, alone or after a cluster such as `-euxo`. */
function setsPipefail(words: readonly string[]): boolean {
  return words.some((w, i) => w === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(words[i - 1]));
}

/** The argv of a SHELL instruction, or null when it is not a JSON array. */
function shellArgv(model: DockerfileModel, node: InstructionNode): string[] | null {
  try {
    const parsed: unknown = JSON.parse(model.text.slice(node.args[0].start, node.args[node.args.length - 1].end));
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
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

export const pipeWithoutPipefail: Rule = {
  meta: {
    id: 'pipe-without-pipefail',
    title: 'A pipe in a RUN without set -o pipefail',
    severity: 'warning',
    category: 'hygiene',
    hadolint: ['DL4006'],
    fix: null,
    messages: {
      pipe: "Only the last command of a pipe decides whether the RUN fails, so a failed '{command}' goes unnoticed: set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before it (Debian's /bin/sh has no pipefail option for 'set -o pipefail').",
    },
  },
  check({ model, report }) {
    // The SHELL in force as each stage ends, inherited by the stages built FROM it.
    const shellAtEnd: Array<string[] | null> = [];
    for (const stage of model.stages) {
      let shell = stage.baseStage !== null ? (shellAtEnd[stage.baseStage] ?? null) : null;
      for (const node of stage.instructions) {
        if (node.keyword === 'SHELL' && node.args.length > 0) shell = shellArgv(model, node);
        const run = runNode(node);
        if (!run || run.run!.form === 'exec') continue;
        if (shell && (!POSIX_SHELLS.has(baseName(shell[0] ?? '')) || setsPipefail(shell))) continue;
        const commands = run.run!.commands;
        const pipeline = pipelines(commands).find((p) => !p.slice(0, -1).every((c) => CANNOT_FAIL.has(baseName(c.words[0]?.value ?? ''))));
        if (!pipeline) continue;
        const guarded = commands.some((c) => c.start < pipeline[0].start && c.words[0]?.value === 'set' && setsPipefail(c.words.map((w) => w.value)));
        if (guarded) continue;
        const head = pipeline[0].words[0];
        report({
          span: { start: pipeline[0].start, end: pipeline[pipeline.length - 1].end },
          messageId: 'pipe',
          data: { command: head ? head.value : 'command' },
        });
      }
      shellAtEnd[stage.index] = shell;
    }
  },
};
