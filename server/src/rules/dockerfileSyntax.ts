import type { Rule } from '../engine/rule';
import type { InstructionNode } from '../model/types';
import { DOCKERFILE_KEYWORDS as KEYWORDS } from './support/keywords';

/** An instruction docker build rejects: an unknown keyword, or heredocs never closed (by name). */
type SyntaxFact = { unknown: true } | { unknown: false; unclosed: string[] };

export const dockerfileSyntax: Rule<SyntaxFact> = {
  meta: {
    id: 'dockerfile-syntax',
    title: 'Text that docker build would reject: an unknown instruction, an unclosed heredoc, no FROM, an instruction before FROM, a check directive BuildKit cannot read',
    severity: 'error',
    category: 'hygiene',
    hadolint: [],
    fix: null,
    messages: {
      unknown: "Unknown instruction '{keyword}': docker build stops here.",
      pathOnly: "This file holds only the path '{path}', as a symbolic link checked out as a text file does: docker build reads it as an unknown instruction. Build the file it names, or check it out with symbolic links.",
      unjoined: "'{keyword}' starts a line of its own: the line before it lacks its continuation '{escape}', so docker build stops here.",
      heredoc: 'The heredoc <<{name} is never closed: everything after it is read as its body. End it with a line holding only {name}.',
      noFrom: 'This Dockerfile has no FROM instruction: docker build needs a base image.',
      beforeFrom: "'{keyword}' comes before the first FROM, where only ARG may stand: docker build stops here.",
      checkDirective: "BuildKit cannot read the check directive '{value}' and stops the build: write skip=Name1,Name2 (or skip=all), error=true or false, separated by ';' and no spaces.",
    },
  },
  collect(node) {
    if (!KEYWORDS.has(node.keyword.toUpperCase())) return { unknown: true };
    const run = node.run ?? node.trigger?.run;
    const unclosed = (run?.heredocs ?? []).filter((h) => h.delimiter === null).map((h) => h.name);
    return unclosed.length > 0 ? { unknown: false, unclosed } : null;
  },
  check({ model, report, collected }) {
    // A file that is one word naming a path (no keyword holds a '/' or a '.') is a symbolic link git wrote out as text.
    const only = model.instructions.length === 1 ? model.instructions[0] : null;
    if (only && collected.length === 1 && collected[0].fact.unknown && model.text.trim().split(/\s+/).length === 1 && /[./]/.test(only.keyword)) {
      report({ span: { start: only.start, end: only.end }, messageId: 'pathOnly', data: { path: model.text.trim() } });
      return;
    }
    for (const { node, fact } of collected) {
      if (fact.unknown) {
        // A shell operator at the start of a line means the RUN above it ended one line too early.
        const unjoined = /^(&&|\|\||\||;)/.test(node.keyword);
        report({ span: node.keywordSpan, messageId: unjoined ? 'unjoined' : 'unknown', data: { keyword: asWritten(node), escape: model.escape } });
        continue;
      }
      for (const name of fact.unclosed) report({ span: node.keywordSpan, messageId: 'heredoc', data: { name } });
    }
    const invalid = model.checks.invalid;
    if (invalid) report({ span: { start: invalid.start, end: invalid.end }, messageId: 'checkDirective', data: { value: invalid.value } });
    if (model.stages.length === 0) {
      const first = model.instructions[0];
      report({ span: first ? first.keywordSpan : { start: 0, end: 0 }, messageId: 'noFrom' });
      return;
    }
    // Only ARGs (and the few instructions above them) stand before the first FROM, so this costs next to nothing.
    for (const node of model.instructions.slice(0, model.stages[0].from.index)) {
      const keyword = node.keyword.toUpperCase();
      if (keyword !== 'ARG' && KEYWORDS.has(keyword)) report({ span: node.keywordSpan, messageId: 'beforeFrom', data: { keyword: node.keyword } });
    }
  },
};

/** The keyword as written (`runn`), as the parser reads it: without the line continuations inside it. */
function asWritten(node: InstructionNode): string {
  return node.ast.getInstruction();
}
