// The rule registry: every rule Layerwise runs, grouped by the lesson's practices.
import type { Rule } from '../engine/rule';
import { addInsteadOfCopy } from './addInsteadOfCopy';
import { apkCacheNotDisabled } from './apkCacheNotDisabled';
import { apkPackageNotPinned } from './apkPackageNotPinned';
import { aptInstallWithoutYes } from './aptInstallWithoutYes';
import { aptInsteadOfAptGet } from './aptInsteadOfAptGet';
import { aptListsNotRemoved } from './aptListsNotRemoved';
import { aptPackageNotPinned } from './aptPackageNotPinned';
import { aptRecommendsNotDisabled } from './aptRecommendsNotDisabled';
import { buildFolderNotRemoved } from './buildFolderNotRemoved';
import { buildHostKernel } from './buildHostKernel';
import { cleanupInSeparateLayer } from './cleanupInSeparateLayer';
import { condaActivateInRun } from './condaActivateInRun';
import { condaCacheNotCleaned } from './condaCacheNotCleaned';
import { condaPackageNotPinned } from './condaPackageNotPinned';
import { condaPrefixNotSet } from './condaPrefixNotSet';
import { consecutiveRunsSameComponent } from './consecutiveRunsSameComponent';
import { consistentInstructionCasing } from './consistentInstructionCasing';
import { debianFrontendNotSet } from './debianFrontendNotSet';
import { dependenciesNotLocked } from './dependenciesNotLocked';
import { dockerfileSyntax } from './dockerfileSyntax';
import { downloadNotRemoved } from './downloadNotRemoved';
import { duplicateStageName } from './duplicateStageName';
import { envReadsOwnAssignment } from './envReadsOwnAssignment';
import { exposeInvalidFormat } from './exposeInvalidFormat';
import { exposeProtoCasing } from './exposeProtoCasing';
import { fromAsCasing } from './fromAsCasing';
import { fromPlatformFlagConstDisallowed } from './fromPlatformFlagConstDisallowed';
import { genericUpgrade } from './genericUpgrade';
import { imageTagNotPinned } from './imageTagNotPinned';
import { invalidDefaultArgInFrom } from './invalidDefaultArgInFrom';
import { jsonArgsRecommended } from './jsonArgsRecommended';
import { legacyKeyValueFormat } from './legacyKeyValueFormat';
import { localeNotSet } from './localeNotSet';
import { lockfileNotReadable } from './lockfileNotReadable';
import { maintainerDeprecated } from './maintainerDeprecated';
import { maintainerLabelMissing } from './maintainerLabelMissing';
import { moveInSeparateLayer } from './moveInSeparateLayer';
import { movingTargetDownload } from './movingTargetDownload';
import { noEmptyContinuation } from './noEmptyContinuation';
import { pipCacheNotDisabled } from './pipCacheNotDisabled';
import { pipeWithoutPipefail } from './pipeWithoutPipefail';
import { permissionsInSeparateLayer } from './permissionsInSeparateLayer';
import { pipPackageNotPinned } from './pipPackageNotPinned';
import { pythonCmdInherited } from './pythonCmdInherited';
import { redundantTargetPlatform } from './redundantTargetPlatform';
import { registryNotTrusted } from './registryNotTrusted';
import { repeatedCmdOrEntrypoint } from './repeatedCmdOrEntrypoint';
import { reservedStageName } from './reservedStageName';
import { secretsUsedInArgOrEnv } from './secretsUsedInArgOrEnv';
import { stageNameCasing } from './stageNameCasing';
import { sudoInRun } from './sudoInRun';
import { undefinedArgInFrom } from './undefinedArgInFrom';
import { undefinedVar } from './undefinedVar';
import { uvCacheNotDisabled } from './uvCacheNotDisabled';
import { uvSyncNotLocked } from './uvSyncNotLocked';
import { versionNotInArg } from './versionNotInArg';
import { workdirRelativePath } from './workdirRelativePath';
import { yumInstallWithoutYes } from './yumInstallWithoutYes';
import { yumPackageNotPinned } from './yumPackageNotPinned';
import { yumCacheNotCleaned } from './yumCacheNotCleaned';
import { zypperCacheNotCleaned } from './zypperCacheNotCleaned';
import { zypperInstallWithoutYes } from './zypperInstallWithoutYes';
import { zypperPackageNotPinned } from './zypperPackageNotPinned';

export const rules: readonly Rule[] = [
  dockerfileSyntax,
  // Layers (practice 1)
  consecutiveRunsSameComponent,
  permissionsInSeparateLayer,
  moveInSeparateLayer,
  // Cleanup (practice 2)
  aptListsNotRemoved,
  pipCacheNotDisabled,
  uvCacheNotDisabled,
  cleanupInSeparateLayer,
  condaCacheNotCleaned,
  apkCacheNotDisabled,
  yumCacheNotCleaned,
  zypperCacheNotCleaned,
  buildFolderNotRemoved,
  downloadNotRemoved,
  // Versions (practices 3 and 4)
  versionNotInArg,
  pipPackageNotPinned,
  uvSyncNotLocked,
  aptPackageNotPinned,
  yumPackageNotPinned,
  zypperPackageNotPinned,
  apkPackageNotPinned,
  condaPackageNotPinned,
  dependenciesNotLocked,
  lockfileNotReadable,
  imageTagNotPinned,
  genericUpgrade,
  movingTargetDownload,
  buildHostKernel,
  // Environment (practice 5)
  debianFrontendNotSet,
  localeNotSet,
  aptInstallWithoutYes,
  yumInstallWithoutYes,
  zypperInstallWithoutYes,
  aptRecommendsNotDisabled,
  // Metadata (practice 6)
  maintainerLabelMissing,
  maintainerDeprecated,
  // Default command (practice 7)
  repeatedCmdOrEntrypoint,
  pythonCmdInherited,
  // Conda
  condaActivateInRun,
  condaPrefixNotSet,
  // Hygiene
  addInsteadOfCopy,
  aptInsteadOfAptGet,
  sudoInRun,
  pipeWithoutPipefail,
  registryNotTrusted,
  // BuildKit's build checks (docker build --check) that need no builder
  stageNameCasing,
  fromAsCasing,
  consistentInstructionCasing,
  noEmptyContinuation,
  duplicateStageName,
  reservedStageName,
  jsonArgsRecommended,
  undefinedArgInFrom,
  undefinedVar,
  envReadsOwnAssignment,
  invalidDefaultArgInFrom,
  redundantTargetPlatform,
  fromPlatformFlagConstDisallowed,
  workdirRelativePath,
  legacyKeyValueFormat,
  secretsUsedInArgOrEnv,
  exposeProtoCasing,
  exposeInvalidFormat,
];
