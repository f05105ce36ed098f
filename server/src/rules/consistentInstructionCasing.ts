import type { Rule } from '../engine/rule';
import { writtenKeyword } from '../model/moved';
import { casingOf, type Casing } from './support/buildkit';
import { DOCKERFILE_KEYWORDS } from './support/keywords';

export const consistentInstructionCasing: Rule<Casing> = {
  meta: {
    id: 'consistent-instruction-casing',
    title: 'Instructions written in another case than most of the file',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['ConsistentInstructionCasing'],
    fix: 'safe',
    messages: {
      casing: "'{keyword}' should be {casing}, as most instructions of this file are.",
      fix: "Write '{wanted}'",
    },
  },
  // A string, not an object: nothing of the node is kept, so nothing has to be moved with it.
  collect(node) {
    // A keyword Docker does not know (`RUNN`, `&&` on a line of its own) is dockerfile-syntax's finding: in
    // another case it would be no more valid. BuildKit counts the instructions it knows.
    return DOCKERFILE_KEYWORDS.has(node.keyword.toUpperCase()) ? casingOf(writtenKeyword(node)) : null;
  },
  check({ model, report, collected }) {
    // As BuildKit counts: the instructions of the stages (the ARGs before the first FROM are not read), and a tie
    // goes to upper case.
    let lower = 0;
    let upper = 0;
    for (const { node, fact } of collected) {
      if (node.stage < 0) continue;
      if (fact === 'lower') lower++;
      else if (fact === 'upper') upper++;
    }
    const wantedCasing = lower > upper ? 'lower' : 'upper';
    for (const { node, fact } of collected) {
      if (node.stage < 0 || fact === wantedCasing) continue;
      const written = model.text.slice(node.keywordSpan.start, node.keywordSpan.end);
      const wanted = wantedCasing === 'lower' ? written.toLowerCase() : written.toUpperCase();
      report({
        span: node.keywordSpan,
        messageId: 'casing',
        data: { keyword: written, casing: wantedCasing === 'lower' ? 'lower-case' : 'upper-case' },
        // Docker reads keywords without regard to case: only the text changes.
        fixes: [{ title: `Write '${wanted}'`, safety: 'safe', edits: [{ start: node.keywordSpan.start, end: node.keywordSpan.end, newText: wanted }] }],
      });
    }
  },
  local: true,
};
