// The BuildKit way to keep a package manager's cache out of the image:
// `RUN --mount=type=cache,target=…`, as Docker's and uv's docs recommend. The
// cleanup rules offer it beside their own fix where the file shows it is
// built with BuildKit (a `# syntax=` directive, a RUN with --mount already)
// or the user said so (`builder: buildkit`). Unsafe: the classic builder
// rejects --mount, so the file then needs BuildKit (or podman/buildah).
import type { LintSettings } from '../../engine/settings';
import type { Fix } from '../../engine/rule';
import type { DockerfileModel, InstructionNode } from '../../model/types';

/** The cache folders of each tool, where its cache mount goes. */
export const CACHE_TARGETS = {
  apt: ['/var/cache/apt', '/var/lib/apt/lists'],
  pip: ['/root/.cache/pip'],
  conda: ['/opt/conda/pkgs'],
  apk: ['/var/cache/apk'],
  yum: ['/var/cache/yum'],
  dnf: ['/var/cache/dnf'],
  zypper: ['/var/cache/zypp'],
} as const;

const answers = new WeakMap<DockerfileModel, boolean>();

/** Whether the file is built with BuildKit: the setting, else a `# syntax=` directive or a RUN --mount. */
export function usesBuildKit(model: DockerfileModel, settings: Readonly<LintSettings>): boolean {
  if (settings.builder === 'buildkit') return true;
  if (settings.builder === 'classic') return false;
  let answer = answers.get(model);
  if (answer === undefined) {
    const header = model.text.slice(0, model.instructions[0]?.start ?? model.text.length);
    answer = /^\s*#\s*syntax\s*=/im.test(header) || model.instructions.some((n) => (n.trigger ?? n).run?.flags.some((f) => f.name === 'mount'));
    answers.set(model, answer);
  }
  return answer;
}

/**
 * What a cleanup rule's message adds about the other way, so that it says which one the user has: where the
 * file is built with BuildKit, a cache mount keeps the cache out as well; elsewhere nothing (the classic builder
 * rejects --mount).
 */
export function cacheMountNote(model: DockerfileModel, settings: Readonly<LintSettings>): string {
  return usesBuildKit(model, settings) ? ' This file is built with BuildKit, so a cache mount (RUN --mount=type=cache) keeps it out too.' : '';
}

/** The cache-mount fix for a RUN, or none where BuildKit is not in use or the RUN is in the exec form. */
export function cacheMountFixes(model: DockerfileModel, settings: Readonly<LintSettings>, run: InstructionNode, targets: readonly string[]): Fix[] {
  if (!usesBuildKit(model, settings)) return [];
  const target = run.trigger ?? run;
  if (!target.run || target.keyword !== 'RUN') return [];
  // Right after the keyword: flags may come in any order, and the script stays as it was.
  let at = target.start + 3;
  if (!/^RUN[ \t]/i.test(model.text.slice(target.start, at + 1))) return [];
  while (model.text[at] === ' ' || model.text[at] === '\t') at++;
  const sharing = targets.some((t) => t.startsWith('/var/')) ? ',sharing=locked' : '';
  const mounts = targets.map((t) => `--mount=type=cache,target=${t}${sharing} `).join('');
  return [{ title: `Use a BuildKit cache mount for ${targets.join(' and ')} (needs BuildKit)`, safety: 'unsafe', edits: [{ start: at, end: at, newText: mounts }] }];
}
