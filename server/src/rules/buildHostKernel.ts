import { baseName, forEachWord, runNode, unwrap } from '../engine/commands';
import type { Rule } from '../engine/rule';
import type { InstructionNode, ShellCommand, Word } from '../model/types';

/** `$(uname -r)` or `` `uname -r` `` (and `--kernel-release`) inside a word: the release of the kernel the build runs on. */
const KERNEL_RELEASE = /\$\(\s*uname\s+(?:-r|--kernel-release)\s*\)|`\s*uname\s+(?:-r|--kernel-release)\s*`/;

/** A command that only prints to the build log (`echo "kernel: $(uname -r)"`): no file of the image keeps what it says. */
function onlyLogs(command: ShellCommand): boolean {
  const name = baseName(unwrap(command)[0]?.value ?? '');
  return (name === 'echo' || name === 'printf') && !command.redirects.some((r) => r.op.includes('>') && r.target !== null && !/^&?\d*$/.test(r.target.value) && r.target.value !== '/dev/null' && !r.target.value.startsWith('/dev/std'));
}

/**
 * The words of a RUN that read the build host's kernel release. A container shares the kernel of the machine it
 * runs on, so inside a build `uname -r` gives the builder's kernel, whatever the image is. A bare `uname -r`, or
 * an echo of it to the build log, only prints it, and is left alone.
 */
function kernelWords(node: InstructionNode): Word[] | null {
  const run = runNode(node)?.run;
  if (!run || run.form === 'exec') return null;
  let found: Word[] | null = null;
  for (const command of run.commands) {
    // Word by word: this runs on every RUN, and most never name uname.
    const reading: Word[] = [];
    forEachWord(command, (w) => {
      if (w.value.includes('uname') && KERNEL_RELEASE.test(w.value)) reading.push(w);
    });
    if (reading.length > 0 && !onlyLogs(command)) (found ??= []).push(...reading);
  }
  return found;
}

export const buildHostKernel: Rule<Word[]> = {
  meta: {
    id: 'build-host-kernel',
    title: "A RUN that reads the build machine's kernel release (uname -r) into what it installs or builds",
    severity: 'warning',
    category: 'versions',
    hadolint: [],
    fix: null,
    messages: {
      hostKernel:
        "'{word}' reads the kernel of the machine that runs the build, not one the image chooses: the image changes from one build host to the next, and the build fails on a host whose kernel the package archive lacks. Name the kernel release, in an ARG.",
    },
  },
  collect: kernelWords,
  local: true,
  check({ report, collected }) {
    for (const { fact } of collected) for (const word of fact) report({ span: { start: word.start, end: word.end }, messageId: 'hostKernel', data: { word: word.value } });
  },
};
