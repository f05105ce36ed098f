import type { Rule } from '../engine/rule';

/** Instructions Docker knows; anything else stops `docker build`. */
const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export const dockerfileSyntax: Rule = {
  meta: {
    id: 'dockerfile-syntax',
    title: 'Text that docker build would reject: an unknown instruction, an unclosed heredoc, no FROM',
    severity: 'error',
    category: 'hygiene',
    hadolint: [],
    fix: null,
    messages: {
      unknown: "Unknown instruction '{keyword}': docker build stops here.",
      unjoined: "'{keyword}' starts a line of its own: the line before it lacks its continuation '{escape}', so docker build stops here.",
      heredoc: 'The heredoc <<{name} is never closed: everything after it is read as its body. End it with a line holding only {name}.',
      noFrom: 'This Dockerfile has no FROM instruction: docker build needs a base image.',
    },
  },
  check({ model, report }) {
    for (const node of model.instructions) {
      const keyword = node.keyword.toUpperCase();
      if (!KEYWORDS.has(keyword)) {
        // A shell operator at the start of a line means the RUN above it ended one line too early.
        const unjoined = /^(&&|\|\||\||;)/.test(node.keyword);
        report({ span: node.keywordSpan, messageId: unjoined ? 'unjoined' : 'unknown', data: { keyword: node.keyword, escape: model.escape } });
        continue;
      }
      const run = node.run ?? node.trigger?.run;
      for (const heredoc of run?.heredocs ?? []) {
        if (heredoc.delimiter === null) report({ span: node.keywordSpan, messageId: 'heredoc', data: { name: heredoc.name } });
      }
    }
    if (model.stages.length === 0) {
      const first = model.instructions[0];
      report({ span: first ? first.keywordSpan : { start: 0, end: 0 }, messageId: 'noFrom' });
    }
  },
};
