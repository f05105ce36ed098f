// apt pins for `layerwise fix --pin-apt`: each RUN's unpinned `apt-get
// install` packages get the candidate version of the stage's base image
// (`pkg=1.2-3`). One lookup per RUN, so one container answers for all its
// packages. The log says that Debian drops old versions from its archive.
import { parseImageReference } from '../container/imageReference';
import type { AptAnswer } from '../container/aptCandidates';
import { installsIn } from '../rules/support/packages';
import type { DockerfileModel, InstructionNode, Stage } from '../model/types';
import type { TextEdit } from './rule';

export const APT_ARCHIVE_NOTE = 'Debian and Ubuntu drop old versions from their archives, so an apt pin stops resolving once a newer one is published; for builds that must last, use snapshot.debian.org as the apt source';

export type AptLookup = (image: string, packages: string[], platform: string | undefined) => Promise<AptAnswer>;

/** The image a stage's packages come from: its own, or the first image up the chain of stages it builds on. */
export function baseImageOf(model: DockerfileModel, stage: Stage): { image: string; platform: string | undefined } | null {
  let s: Stage | undefined = stage;
  for (let hops = 0; s && s.baseStage !== null && hops < model.stages.length; hops++) s = model.stages[s.baseStage];
  if (!s?.resolvedImage || !parseImageReference(s.resolvedImage)) return null;
  const flag = stage.from.args.find((a) => a.value.startsWith('--platform='));
  const platform = flag && !flag.value.includes('$') ? flag.value.slice('--platform='.length) : undefined;
  return { image: s.resolvedImage, platform };
}

/** The unpinned apt packages of one instruction whose word a pin can extend (plain, unquoted). */
export function unpinnedAptWords(model: DockerfileModel, node: InstructionNode) {
  return installsIn(node)
    .filter((i) => i.manager === 'apt')
    .flatMap((i) => i.packages.filter((p) => p.operator === null && p.word.raw === p.word.value && model.text.slice(p.word.start, p.word.end) === p.word.raw));
}

/** `only`: pin that instruction's packages alone (the editor's action for one RUN). */
export async function aptPinEdits(model: DockerfileModel, lookup: AptLookup, only?: InstructionNode): Promise<{ edits: TextEdit[]; log: string[] }> {
  const edits: TextEdit[] = [];
  const log: string[] = [];
  let pinnedAny = false;
  for (const node of only ? [only] : model.instructions) {
    const stage = model.stages[node.stage];
    if (!stage) continue;
    const words = unpinnedAptWords(model, node);
    if (words.length === 0) continue;
    const base = baseImageOf(model, stage);
    if (!base) {
      log.push(`left ${words.map((w) => w.name).join(', ')} unpinned: the stage's base image is not known`);
      continue;
    }
    const answer = await lookup(base.image, words.map((w) => w.name), base.platform);
    if ('problem' in answer) {
      log.push(`left ${words.map((w) => w.name).join(', ')} unpinned: ${answer.problem}`);
      continue;
    }
    for (const w of words) {
      const version = answer.versions.get(w.name);
      if (!version) continue;
      edits.push({ start: w.word.end, end: w.word.end, newText: `=${version}` });
      log.push(`pinned ${w.name} to ${version} (apt in ${base.image}${base.platform ? `, ${base.platform}` : ''})`);
      pinnedAny = true;
    }
    for (const [name, why] of answer.unknown) log.push(`left ${name} unpinned: ${why}`);
  }
  if (pinnedAny) log.push(`note: ${APT_ARCHIVE_NOTE}`);
  return { edits, log };
}
