// The rule registry: every rule Layerwise runs, in the order they are listed.
import type { Rule } from '../engine/rule';
import { aptListsNotRemoved } from './aptListsNotRemoved';
import { cleanupInSeparateLayer } from './cleanupInSeparateLayer';
import { dockerfileSyntax } from './dockerfileSyntax';
import { pipCacheNotDisabled } from './pipCacheNotDisabled';

export const rules: readonly Rule[] = [
  dockerfileSyntax,
  aptListsNotRemoved,
  pipCacheNotDisabled,
  cleanupInSeparateLayer,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
