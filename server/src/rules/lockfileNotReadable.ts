import type { Rule } from '../engine/rule';

/**
 * A lockfile the Dockerfile copies (or the nearest one) that the front end
 * could not read: said on the Dockerfile, at the COPY or ADD that names it,
 * so the user learns why no pin fix comes from it. The front end reads the
 * file and hands the trouble in as a fact; the rule only places it.
 */
export const lockfileNotReadable: Rule = {
  meta: {
    id: 'lockfile-not-readable',
    title: 'A lockfile that pin fixes would read is malformed',
    severity: 'warning',
    category: 'versions',
    hadolint: [],
    fix: null,
    messages: {
      unreadable: "{label} cannot be read as a lockfile: {problem}. Pin fixes do not use it until it is fixed.",
    },
  },
  check({ model, facts, report }) {
    for (const { label, written, message } of facts.lockfileTrouble ?? []) {
      const copy = model.instructions.find((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.args.some((a) => a.value === written || a.value === label || a.value.endsWith(`/${label}`)));
      const at = copy ?? model.instructions.find((i) => i.keyword === 'FROM') ?? model.instructions[0];
      const span = at ? { start: at.start, end: at.end } : { start: 0, end: 0 };
      report({ span, messageId: 'unreadable', data: { label, problem: message } });
    }
  },
};
