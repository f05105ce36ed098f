import { runNode, spanOf, unwrap, type ToolCall } from '../engine/commands';
import type { Rule } from '../engine/rule';
import { instructionProperties, stageChain } from '../model/scope';
import type { DockerfileModel, InstructionNode, ShellCommand, Word } from '../model/types';
import { aptGetCalls, changesPackages } from './support/apt';
import { mayBeDebianFamily, stageBase } from './support/baseImage';
import { byStage } from './support/collected';
import { addInstructionFix } from './support/insertLine';

const NAME = 'DEBIAN_FRONTEND';

/** `DEBIAN_FRONTEND=…` as a word, set to anything: a value the user chose on purpose is theirs. */
function setsFrontend(word: Word): boolean {
  return word.value.startsWith(`${NAME}=`);
}

/** Set for this call: inline (`DEBIAN_FRONTEND=… apt-get`, `env DEBIAN_FRONTEND=… apt-get`), or exported or told to debconf earlier in the RUN. */
function setInRun(call: ToolCall, commands: ShellCommand[]): boolean {
  const { command } = call;
  if (command.assignments.some(setsFrontend)) return true;
  const wrapped = command.words.slice(0, command.words.length - unwrap(command).length);
  if (wrapped.some(setsFrontend)) return true;
  return commands.some((c) => c.start < command.start && ((c.words[0]?.value === 'export' && c.words.slice(1).some(setsFrontend)) || tellsDebconf(c)));
}

/** `echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections`, or its words unquoted. */
function tellsDebconf(command: ShellCommand): boolean {
  // Asked of every command of every new RUN: most name no debconf at all, which is cheap to see.
  if (!command.words.some((w) => /debconf/i.test(w.value))) return false;
  return /debconf\/frontend\b.*noninteractive/i.test(command.words.map((w) => w.value).join(' '));
}

/** A RUN that tells debconf to ask nothing, for the RUNs after it. */
function debconfNoninteractive(node: InstructionNode): boolean {
  return (node.run?.commands ?? []).some(tellsDebconf);
}

/** What one instruction does to DEBIAN_FRONTEND, and the first apt-get of its RUN that would run without it. */
interface FrontendFact {
  env: boolean;
  arg: boolean;
  /** A RUN (not an ONBUILD trigger) that tells debconf to ask nothing. */
  debconf: boolean;
  unset: { call: ToolCall; onbuild: boolean } | null;
}

function readFrontend(node: InstructionNode): FrontendFact | null {
  const env = setsFrontendByEnv(node);
  const arg = node.keyword === 'ARG' && instructionProperties(node).some((p) => p.name === NAME);
  const debconf = debconfNoninteractive(node);
  const run = runNode(node);
  const call = run?.run ? aptGetCalls(run).find((c) => changesPackages(c) && !setInRun(c, run.run!.commands)) : undefined;
  const unset = call ? { call, onbuild: run !== node } : null;
  return env || arg || debconf || unset ? { env, arg, debconf, unset } : null;
}

export const debianFrontendNotSet: Rule<FrontendFact> = {
  meta: {
    id: 'debian-frontend-not-set',
    title: 'apt-get in a Debian or Ubuntu stage without DEBIAN_FRONTEND=noninteractive',
    severity: 'info',
    category: 'environment',
    hadolint: [],
    fix: 'safe',
    messages: {
      interactive:
        "'{command}' runs without DEBIAN_FRONTEND=noninteractive: a package that asks a question while it installs (tzdata, keyboard-configuration) can stall or break the build. Set it before the first apt-get of the stage.",
      globalOnly:
        "'{command}' runs without DEBIAN_FRONTEND=noninteractive: the ARG before FROM is not seen inside a stage until the stage declares it again. Add ARG DEBIAN_FRONTEND after FROM.",
      fixArg: 'Add ARG DEBIAN_FRONTEND=noninteractive after FROM (build only)',
      fixEnv: 'Add ENV DEBIAN_FRONTEND="noninteractive" after FROM, as the lesson does (it stays set in the running container)',
    },
  },
  collect: readFrontend,
  local: true,
  check({ model, catalogue, report, collected }) {
    // A stage built FROM an earlier one inherits its ENV (and what its RUNs told debconf), wherever they stand in it.
    const envByStage = new Set<number>();
    const debconfByStage = new Set<number>();
    for (const { node, fact } of collected) {
      if (fact.env) envByStage.add(node.stage);
      if (fact.debconf) debconfByStage.add(node.stage);
    }
    // One pass over each stage's facts, carrying what is set so far; an ARG belongs to its own stage only.
    for (const { stage: stageIndex, entries: facts } of byStage(collected)) {
      const stage = model.stages[stageIndex];
      // Only an apt-get without the variable is reported: a stage without one needs no look at its base.
      if (!stage || !facts.some(({ fact }) => fact.unset)) continue;
      const base = stageBase(model, catalogue, stage);
      if (!mayBeDebianFamily(base) || base.known?.env[NAME] !== undefined) continue;
      const earlier = stageChain(model, stage).slice(1);
      let envSet = earlier.some((s) => envByStage.has(s.index));
      let argSet = false;
      let debconfSet = earlier.some((s) => debconfByStage.has(s.index));
      for (const { fact } of facts) {
        if (fact.env) envSet = true;
        if (fact.arg) argSet = true;
        // An ONBUILD trigger runs in a later build, which this stage's ARG does not reach.
        const unset = envSet || debconfSet || (argSet && !fact.unset?.onbuild) ? null : fact.unset;
        if (fact.debconf) debconfSet = true;
        if (!unset) continue;
        const { call, onbuild } = unset;
        const from = stage.from;
        const fixes = [
          ...(onbuild ? [] : addInstructionFix(model, from, `ARG ${NAME}=noninteractive`, debianFrontendNotSet.meta.messages.fixArg, 'safe')),
          ...addInstructionFix(model, from, `ENV ${NAME}="noninteractive"`, debianFrontendNotSet.meta.messages.fixEnv, 'unsafe'),
        ];
        report({
          span: spanOf([call.tool, call.subcommand!]),
          messageId: declaredBeforeFrom(model) ? 'globalOnly' : 'interactive',
          data: { command: `${call.tool.value} ${call.subcommand!.value}` },
          // An image the catalogue does not know may set it already: a milder hint.
          ...(base.known ? {} : { severity: 'hint' as const }),
          fixes,
        });
        // One ARG or ENV after FROM serves every apt-get of the stage, so one finding per stage.
        break;
      }
    }
  },
};

function setsFrontendByEnv(node: InstructionNode): boolean {
  return node.keyword === 'ENV' && instructionProperties(node).some((p) => p.name === NAME);
}

function declaredBeforeFrom(model: DockerfileModel): boolean {
  return model.globalArgs.some((arg) => instructionProperties(arg).some((p) => p.name === NAME));
}
