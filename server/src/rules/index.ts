// The rule registry: every rule Layerwise runs, in the order they are listed.
import type { Rule } from '../engine/rule';
import { aptInstallWithoutYes } from './aptInstallWithoutYes';
import { aptListsNotRemoved } from './aptListsNotRemoved';
import { aptRecommendsNotDisabled } from './aptRecommendsNotDisabled';
import { cleanupInSeparateLayer } from './cleanupInSeparateLayer';
import { debianFrontendNotSet } from './debianFrontendNotSet';
import { localeNotSet } from './localeNotSet';
import { maintainerDeprecated } from './maintainerDeprecated';
import { dockerfileSyntax } from './dockerfileSyntax';
import { maintainerLabelMissing } from './maintainerLabelMissing';
import { pipCacheNotDisabled } from './pipCacheNotDisabled';
import { pythonCmdInherited } from './pythonCmdInherited';
import { repeatedCmdOrEntrypoint } from './repeatedCmdOrEntrypoint';

export const rules: readonly Rule[] = [
  dockerfileSyntax,
  aptListsNotRemoved,
  pipCacheNotDisabled,
  cleanupInSeparateLayer,
  // Environment (practice 5)
  debianFrontendNotSet,
  localeNotSet,
  aptInstallWithoutYes,
  aptRecommendsNotDisabled,
  // Metadata (practice 6)
  maintainerLabelMissing,
  maintainerDeprecated,
  // Default command (practice 7)
  repeatedCmdOrEntrypoint,
  pythonCmdInherited,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
