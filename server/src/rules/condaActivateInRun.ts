import { baseName, CONDA, readCall, runNode, unwrap } from '../engine/commands';
import { eol, indentOf } from '../engine/edits';
import { formatMessage, type Fix, type Rule, type TextEdit } from '../engine/rule';
import { lineContentEnd, lineOf } from '../model/lines';
import { shellText } from '../model/shell';
import type { DockerfileModel, InstructionNode, ShellCommand } from '../model/types';
import { condaFacts, condaRoot, CondaStages, envPrefix, type CondaFacts } from './support/conda';

interface Activation {
  command: ShellCommand;
  /** conda, mamba or micromamba; conda for `source activate`. */
  tool: string;
  env: string;
}

/** `conda activate ENV`, `mamba activate ENV`, `source activate ENV`, `. /opt/conda/bin/activate ENV`. */
function activation(command: ShellCommand): Activation | null {
  const call = readCall(command, CONDA);
  if (call?.subcommand?.value === 'activate') {
    return { command, tool: call.tool.value, env: call.operands[0]?.value ?? 'base' };
  }
  const words = unwrap(command);
  const script = words[1]?.value ?? '';
  // A Python venv's bin/activate takes no environment name and lives outside conda.
  const conda = script === 'activate' || /conda|forge|mamba/i.test(script) || words.length > 2;
  if ((words[0]?.value === 'source' || words[0]?.value === '.') && baseName(script) === 'activate' && conda) {
    return { command, tool: 'conda', env: words[2]?.value ?? 'base' };
  }
  return null;
}

/** Builtins that change the shell itself: `conda run` cannot run them. */
const SHELL_BUILTINS = new Set(['cd', 'export', 'source', '.', 'set', 'unset', 'alias', 'eval', 'exec', 'exit', 'umask', 'pushd', 'popd', 'shopt', 'conda', 'mamba', 'micromamba', 'if', 'for', 'while']);

/** The line break and where the instruction's last line ends, to add an instruction below it. */
function below(model: DockerfileModel, owner: InstructionNode, text: string): TextEdit {
  const at = lineContentEnd(model.lineStarts, model.text, lineOf(model.lineStarts, Math.max(owner.start, owner.end - 1)));
  return { start: at, end: at, newText: eol(model) + indentOf(owner) + text };
}

/** An activation, by its position among the RUN's commands. */
interface Activated extends Activation {
  k: number;
}

/** The activations of a RUN (or an ONBUILD RUN), and what the instruction says about where conda lives. */
interface Found {
  /** The RUN that holds the activations; null when there are none. */
  run: InstructionNode | null;
  activations: Activated[];
  conda: CondaFacts | null;
}

export const condaActivateInRun: Rule<Found> = {
  meta: {
    id: 'conda-activate-in-run',
    title: 'conda activate or source activate in a RUN',
    severity: 'warning',
    category: 'conda',
    hadolint: [],
    fix: 'unsafe',
    messages: {
      last: "'{command}' ends with this RUN: later instructions and the container do not see the environment. Set it with ENV instead (PATH and CONDA_PREFIX).",
      followed: "'{command}' lasts only until this RUN ends, and needs conda's shell hook to work at all: run these commands with '{tool} run -n {env}', and set ENV for later instructions.",
      envFix: 'Set ENV CONDA_PREFIX and PATH to {prefix} instead',
      runFix: "Run the rest of this RUN with '{tool} run -n {env}'",
    },
  },
  collect(node) {
    const run = runNode(node);
    const activations: Activated[] = [];
    run?.run!.commands.forEach((command, k) => {
      const found = activation(command);
      if (found) activations.push({ ...found, k });
    });
    const conda = condaFacts(node);
    if (activations.length === 0 && !conda) return null;
    return { run: activations.length > 0 ? run : null, activations, conda };
  },
  check({ model, catalogue, report, collected }) {
    // Most files activate nothing: then the stages' conda facts, which cost a map per stage, are not read.
    if (!collected.some((c) => c.fact.run)) return;
    const stages = new CondaStages(model);
    for (const { node: top, fact } of collected) {
      // Before the first FROM there is no image to run in.
      if (top.stage < 0) continue;
      const { run, activations } = fact;
      if (run) {
        const commands = run.run!.commands;
        for (const { command, k, tool, env } of activations) {
          const rest = commands.slice(k + 1);
          const text = unwrap(command).map((w) => w.value).join(' ');
          const fixes: Fix[] = [];
          // The environment's name is a value (`my env` from `conda activate "my env"`): one shell word again in
          // `conda run -n`, or no such fix where that cannot be told.
          const envWord = shellText(env, expands(env));
          if (rest.length === 0) {
            const prefix = envPrefix(condaRoot(model, catalogue, model.stages[top.stage], stages.seen(top.stage)), env);
            const envLine = `ENV CONDA_PREFIX="${prefix}" PATH="${prefix}/bin:$PATH"`;
            const trigger = top.onbuild ? 'ONBUILD ' : '';
            let edits: TextEdit[] | null = null;
            if (commands.length === 1 && run.run!.form !== 'heredoc') {
              edits = [{ start: run.keywordSpan.start, end: run.end, newText: envLine }];
            } else if (k > 0 && run.run!.form === 'shell') {
              edits = [{ start: commands[k - 1].end, end: command.end, newText: '' }, below(model, top, trigger + envLine)];
            } else if (k > 0 && run.run!.form === 'heredoc') {
              const line = lineOf(model.lineStarts, command.start);
              const alone = model.text.slice(model.lineStarts[line], command.start).trim() === '' && lineOf(model.lineStarts, command.end) === line;
              if (alone) edits = [{ start: model.lineStarts[line], end: model.lineStarts[line + 1], newText: '' }, below(model, top, trigger + envLine)];
            }
            if (edits && !expands(env)) {
              // Replacing a lone activation with ENV keeps the count; otherwise the ENV is a new instruction.
              fixes.push({ title: formatMessage(condaActivateInRun.meta.messages.envFix, { prefix }), safety: 'unsafe', edits, instructionsAdded: edits.length === 1 ? 0 : 1 });
            }
          } else if (
            envWord !== null &&
            run.run!.form === 'shell' &&
            rest[0].separator === '&&' &&
            rest.every((c) => c.assignments.length === 0 && c.words.length > 0 && !SHELL_BUILTINS.has(baseName(c.words[0].value)))
          ) {
            const prefixText = `${tool} run -n ${envWord} `;
            fixes.push({
              title: formatMessage(condaActivateInRun.meta.messages.runFix, { tool, env }),
              safety: 'unsafe',
              edits: [
                { start: command.start, end: rest[0].start, newText: prefixText },
                ...rest.slice(1).map((c) => ({ start: c.start, end: c.start, newText: prefixText })),
              ],
            });
          }
          report({
            span: { start: command.start, end: command.end },
            messageId: rest.length === 0 ? 'last' : 'followed',
            data: { command: text, tool: tool === 'mamba' || tool === 'micromamba' ? tool : 'conda', env },
            fixes,
          });
        }
      }
      // Where conda lives, for activations further on, is read from what comes before them.
      if (fact.conda) stages.visit(top, fact.conda);
    }
  },
};

function expands(value: string): boolean {
  return value.includes('$') || value.includes('`');
}
