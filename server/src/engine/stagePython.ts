// The Python a stage installs packages with, as far as its base image tells:
// the official python images name it in their tag, Debian and Ubuntu releases
// ship one Python 3 each. Null when not known: the index lookup then does not
// filter by Requires-Python.
import { parseImageReference } from '../container/imageReference';
import type { DockerfileModel } from '../model/types';

const DISTRIBUTION_PYTHON: Record<string, string> = {
  buster: '3.7', bullseye: '3.9', bookworm: '3.11', trixie: '3.13', '10': '3.7', '11': '3.9', '12': '3.11', '13': '3.13',
  focal: '3.8', jammy: '3.10', noble: '3.12', '20.04': '3.8', '22.04': '3.10', '24.04': '3.12',
};

export function stagePython(model: DockerfileModel, stageIndex: number): string | null {
  let stage = model.stages[stageIndex];
  for (let hops = 0; stage && stage.baseStage !== null && hops < model.stages.length; hops++) stage = model.stages[stage.baseStage];
  const ref = stage?.resolvedImage ? parseImageReference(stage.resolvedImage) : null;
  if (!ref) return null;
  const name = ref.repository.split('/').pop() ?? '';
  const tag = ref.tag ?? '';
  if (name === 'python') return /^(\d+\.\d+)/.exec(tag)?.[1] ?? null;
  if (name === 'debian' || name === 'ubuntu') return DISTRIBUTION_PYTHON[tag.replace(/-slim$/, '').split('-')[0]] ?? null;
  return null;
}
