import type { Rule } from '../engine/rule';
import { instructionProperties } from '../model/properties';
import { flagSpan, flagValue, fromParts, type FromFlag } from './support/buildkit';

/** `$TARGETPLATFORM`, `${TARGETPLATFORM}` and `${TARGETPLATFORM:-...}`: TARGETPLATFORM is always set, so all the same. */
const TARGET_PLATFORM = /^(?:\$TARGETPLATFORM|\$\{TARGETPLATFORM(?::?-[^$}]*)?\})$/;

export const redundantTargetPlatform: Rule<FromFlag> = {
  meta: {
    id: 'redundant-target-platform',
    title: 'FROM --platform=$TARGETPLATFORM, which is the default',
    severity: 'info',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['RedundantTargetPlatform'],
    fix: 'safe',
    messages: {
      redundant: '`{flag}` asks for what FROM does anyway: an image of the platform being built for. Remove the flag.',
      fix: 'Remove {flag}',
    },
  },
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    const platform = flagValue(fromParts(node).flags, 'platform');
    return platform && TARGET_PLATFORM.test(platform.value) ? platform : null;
  },
  check({ model, report, collected }) {
    if (collected.length === 0) return;
    // A global ARG TARGETPLATFORM of the Dockerfile's own might give the flag another value: then no fix.
    const redeclared = model.globalArgs.some((arg) => instructionProperties(arg).some((p) => p.name === 'TARGETPLATFORM'));
    for (const { node, fact } of collected) {
      const flag = flagSpan(node, fact);
      const written = model.text.slice(flag.start, flag.end);
      // The flag and the white space after it: FROM pulls the same image without them.
      let end = flag.end;
      while (model.text[end] === ' ' || model.text[end] === '\t') end++;
      report({
        span: flag,
        messageId: 'redundant',
        data: { flag: written },
        fixes: redeclared ? [] : [{ title: `Remove ${written}`, safety: 'safe', edits: [{ start: flag.start, end, newText: '' }] }],
      });
    }
  },
  local: true,
};
