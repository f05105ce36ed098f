import type { Rule } from '../engine/rule';
import { flagSpan, flagValue, fromParts, parsePlatform, type FromFlag } from './support/buildkit';

interface PlatformFact {
  flag: FromFlag;
  platform: string;
  os: string;
  architecture: string;
  /** The stage's name, lower-cased; empty when it has none. */
  stage: string;
}

export const fromPlatformFlagConstDisallowed: Rule<PlatformFact> = {
  meta: {
    id: 'from-platform-flag-const-disallowed',
    title: 'FROM --platform with a fixed platform',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['FromPlatformFlagConstDisallowed'],
    fix: null,
    messages: {
      constant:
        "FROM --platform={platform} pulls that platform's image whatever platform the build is for, so a build for another one gets binaries that do not run there. Use $BUILDPLATFORM for a stage that runs on the builder, or leave the flag out.",
    },
  },
  collect(node) {
    if (node.keyword !== 'FROM') return null;
    const { flags, args } = fromParts(node);
    const platform = flagValue(flags, 'platform');
    if (!platform || platform.value.includes('$')) return null;
    const parsed = parsePlatform(platform.value);
    if (!parsed) return null;
    const stage = args.length >= 3 && args[1].value.toLowerCase() === 'as' ? args[2].value.toLowerCase() : '';
    // A stage named after its platform (`AS build-arm64`) is meant for it: BuildKit says nothing then.
    if (stage.includes(parsed.os) || stage.includes(parsed.architecture)) return null;
    return { flag: platform, platform: platform.value, ...parsed, stage };
  },
  check({ report, collected }) {
    for (const { node, fact } of collected) report({ span: flagSpan(node, fact.flag), messageId: 'constant', data: { platform: fact.platform } });
  },
  local: true,
};
