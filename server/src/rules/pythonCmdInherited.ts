import { formatMessage, type Rule } from '../engine/rule';
import { baseName } from '../engine/commands';
import { stageChain } from '../model/scope';
import { finalStage, stageBase } from './support/baseImage';
import { addInstructionFix } from './support/insertLine';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

export const pythonCmdInherited: Rule<true> = {
  meta: {
    id: 'python-cmd-inherited',
    title: 'Final image FROM a python image without a CMD of its own',
    severity: 'hint',
    category: 'default-command',
    hadolint: [],
    fix: 'unsafe',
    messages: {
      inherited:
        'No CMD: `docker run` of this image starts {cmd}, the Python console that {image} sets as its default. The lesson advises CMD ["{shell}"]; if the console is what you want, say so with CMD ["{cmd}"].',
      fix: 'Add CMD ["{shell}"] at the end of the stage',
    },
  },
  collect(node) {
    return node.keyword === 'CMD' || node.keyword === 'ENTRYPOINT' ? true : null;
  },
  check({ model, catalogue, report, collected }) {
    const stage = finalStage(model);
    if (!stage) return;
    const base = stageBase(model, catalogue, stage);
    const known = base.known;
    // Jupyter and RStudio images start their servers themselves; a shell default needs no advice.
    if (!known || known.repository !== 'python' || known.ownStartup || !known.cmd || known.cmd.length === 0) return;
    if (SHELLS.has(baseName(known.cmd[0]))) return;
    // An ENTRYPOINT of the Dockerfile's own resets the inherited CMD, so the console no longer starts.
    const chain = new Set(stageChain(model, stage).map((s) => s.index));
    if (collected.some(({ node }) => chain.has(node.stage))) return;
    const shell = known.os === 'alpine' ? '/bin/sh' : '/bin/bash';
    const last = stage.instructions[stage.instructions.length - 1];
    report({
      span: stage.imageSpan ?? stage.from.keywordSpan,
      messageId: 'inherited',
      data: { cmd: known.cmd.join(' '), image: base.image ?? known.repository, shell },
      fixes: addInstructionFix(model, last, `CMD ["${shell}"]`, formatMessage(pythonCmdInherited.meta.messages.fix, { shell }), 'unsafe'),
    });
  },
};
