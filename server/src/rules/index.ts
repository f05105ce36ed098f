// The rule registry: every rule Layerwise runs, in the order they are listed.
import type { Rule } from '../engine/rule';
import { aptListsNotRemoved } from './aptListsNotRemoved';
import { cleanupInSeparateLayer } from './cleanupInSeparateLayer';
import { pipCacheNotDisabled } from './pipCacheNotDisabled';

export const rules: readonly Rule[] = [aptListsNotRemoved, pipCacheNotDisabled, cleanupInSeparateLayer];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
