// The rule registry: every rule Layerwise runs, in the order they are listed.
import type { Rule } from '../engine/rule';
import { addInsteadOfCopy } from './addInsteadOfCopy';
import { apkCacheNotDisabled } from './apkCacheNotDisabled';
import { aptInsteadOfAptGet } from './aptInsteadOfAptGet';
import { aptListsNotRemoved } from './aptListsNotRemoved';
import { buildFolderNotRemoved } from './buildFolderNotRemoved';
import { cleanupInSeparateLayer } from './cleanupInSeparateLayer';
import { condaActivateInRun } from './condaActivateInRun';
import { condaCacheNotCleaned } from './condaCacheNotCleaned';
import { condaPrefixNotSet } from './condaPrefixNotSet';
import { consecutiveRunsSameComponent } from './consecutiveRunsSameComponent';
import { pipCacheNotDisabled } from './pipCacheNotDisabled';
import { pipeWithoutPipefail } from './pipeWithoutPipefail';
import { sudoInRun } from './sudoInRun';
import { yumCacheNotCleaned } from './yumCacheNotCleaned';

export const rules: readonly Rule[] = [
  aptListsNotRemoved,
  pipCacheNotDisabled,
  cleanupInSeparateLayer,
  consecutiveRunsSameComponent,
  condaCacheNotCleaned,
  apkCacheNotDisabled,
  yumCacheNotCleaned,
  buildFolderNotRemoved,
  condaActivateInRun,
  condaPrefixNotSet,
  addInsteadOfCopy,
  aptInsteadOfAptGet,
  sudoInRun,
  pipeWithoutPipefail,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
