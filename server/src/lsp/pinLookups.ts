// What the language server adds for pins: the lockfile facts of each
// Dockerfile (read from disk, kept while the COPY/ADD/ARG lines and the files
// stay the same, so reuse can compare them by identity), and the lookups made
// on `codeAction/resolve` (the package index, the engine's image digests),
// which run only in a trusted workspace and never offline, so that no
// keystroke waits on the network or the engine.
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver/node';
import { aptCandidates } from '../container/aptCandidates';
import { ContainerEngine } from '../container/engine';
import { aptPinEdits, baseImageOf, unpinnedAptWords } from '../engine/aptPins';
import { fromPinTarget, localDigest } from '../container/imageDigest';
import { instructionAt, lint, type LintResult } from '../engine/lint';
import { lockfileFacts, type LockfileFacts } from '../engine/lockfileSources';
import { normalizePipName } from '../engine/packageNames';
import type { Fix, LintFacts, PinLookup } from '../engine/rule';
import type { LintSettings } from '../engine/settings';
import { stagePython } from '../engine/stagePython';
import type { ToolSettings } from '../engine/toolSettings';
import { chooseIndex } from '../lookup/pipConfig';
import { PipIndex } from '../lookup/pipIndex';
import { lookupFetch } from '../lookup/proxy';
import type { DockerfileModel, InstructionNode, Span } from '../model/types';
import { rangeOf } from './diagnostics';

/** The instructions whose text decides which lockfiles a Dockerfile's pins read. */
const LOCKFILE_KEYWORDS = new Set(['COPY', 'ADD', 'ARG', 'FROM']);

function sameNodes(a: readonly InstructionNode[], b: readonly InstructionNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What a code action carries to its resolve. */
export type PinActionData =
  | { kind: 'pip-index'; uri: string; rule: string; span: Span; lookup: PinLookup }
  | { kind: 'from-digest'; uri: string; stage: number; image: string }
  | { kind: 'apt-base-image'; uri: string; node: number; packages: string[] };

interface DocumentPins {
  /** The instructions the lockfile search reads, by identity: the incremental model keeps a node while its text stays. */
  key: readonly InstructionNode[];
  signature: string;
  facts: LockfileFacts;
}

export class PinLookups {
  private readonly byDocument = new Map<string, DocumentPins>();
  private readonly indexes = new Map<string, PipIndex>();
  private readonly factsKept = new Map<string, LintFacts>();

  /** The facts for one lint: the same object as last time while nothing they come from changed. */
  factsFor(uri: string, file: string | null, model: DockerfileModel, root: string | undefined, extra: { authorEmail?: string; pipIndex?: string }): LintFacts {
    let locks: LockfileFacts | null = null;
    if (file) {
      // Only COPY, ADD and ARG lines (and the FROMs that scope the ARGs) say which lockfile is used; other
      // keystrokes reuse what was found. Compared as nodes, not text: building the text of every such line on
      // each keystroke was a tenth of a keystroke in a long file.
      const key = model.instructions.filter((i) => LOCKFILE_KEYWORDS.has(i.keyword));
      let kept = this.byDocument.get(uri);
      if (!kept || !sameNodes(kept.key, key)) {
        const facts = lockfileFacts(file, model, { root });
        kept = { key, signature: facts.signature, facts };
        this.byDocument.set(uri, kept);
      }
      locks = kept.facts;
    }
    const signature = `${locks?.signature ?? ''}|${extra.authorEmail ?? ''}|${extra.pipIndex ?? ''}`;
    const before = this.factsKept.get(uri);
    if (before && (before as { signature?: string }).signature === signature) return before;
    const facts: LintFacts & { signature: string } = {
      authorEmail: extra.authorEmail,
      pinSources: locks?.sources ?? [],
      lockfileTrouble: locks?.trouble ?? [],
      pipIndex: extra.pipIndex,
      signature,
    };
    this.factsKept.set(uri, facts);
    return facts;
  }

  /** The lockfiles a document's facts were read from: a change to one of them re-lints it. */
  usesFile(uri: string, file: string): boolean {
    return this.byDocument.get(uri)?.facts.files.includes(path.resolve(file)) ?? false;
  }

  /** After a lockfile changed on disk: read them all again at the next lint. */
  forget(uri?: string): void {
    if (uri) {
      this.byDocument.delete(uri);
      this.factsKept.delete(uri);
    } else {
      this.byDocument.clear();
      this.factsKept.clear();
    }
  }

  /** The index's label for the pin actions, or undefined when none may be asked. */
  indexLabel(tools: ToolSettings, trusted: boolean): string | undefined {
    if (!trusted || tools.offline) return undefined;
    return this.index(tools).label;
  }

  index(tools: ToolSettings): PipIndex {
    const { url } = chooseIndex(tools.pipIndexUrl);
    const key = JSON.stringify([url, tools.proxy]);
    let index = this.indexes.get(key);
    if (!index) this.indexes.set(key, (index = new PipIndex(url, { fetch: lookupFetch(tools.proxy) })));
    return index;
  }

  /** FROM lines in the range that an engine digest could pin, as actions resolved later. */
  fromActions(uri: string, model: DockerfileModel, range: Range, tools: ToolSettings, trusted: boolean): CodeAction[] {
    if (!trusted || tools.offline) return [];
    const actions: CodeAction[] = [];
    for (const stage of model.stages) {
      const r = rangeOf(model.lineStarts, stage.from);
      if (r.end.line < range.start.line || r.start.line > range.end.line) continue;
      const target = fromPinTarget(model, stage);
      if (!target) continue;
      const data: PinActionData = { kind: 'from-digest', uri, stage: stage.index, image: target.image };
      actions.push({ title: `Pin ${target.image} to its digest (local ${tools.containerCommand} engine) (changes the image)`, kind: CodeActionKind.QuickFix, data });
    }
    return actions;
  }

  /** RUNs in the range with unpinned apt packages: one action each, which asks the stage's base image in one container. */
  aptActions(uri: string, model: DockerfileModel, range: Range, tools: ToolSettings, trusted: boolean): CodeAction[] {
    if (!trusted || tools.offline) return [];
    const actions: CodeAction[] = [];
    for (const node of model.instructions) {
      const r = rangeOf(model.lineStarts, node);
      if (r.end.line < range.start.line || r.start.line > range.end.line) continue;
      const words = unpinnedAptWords(model, node);
      const stage = model.stages[node.stage];
      const base = stage ? baseImageOf(model, stage) : null;
      if (words.length === 0 || !base) continue;
      const data: PinActionData = { kind: 'apt-base-image', uri, node: node.index, packages: words.map((w) => w.name) };
      const count = words.length === 1 ? words[0].name : `${words.length} apt packages`;
      actions.push({
        title: `Pin ${count} to the versions in ${base.image} (Debian drops old versions: snapshot.debian.org keeps them) (changes the image)`,
        kind: CodeActionKind.QuickFix,
        data,
      });
    }
    return actions;
  }

  /** Makes the edit of a lookup action; a problem is returned as text for the user. */
  async resolve(
    data: PinActionData,
    current: { result: LintResult; settings: LintSettings; facts: LintFacts },
    tools: ToolSettings,
    trusted: boolean,
    signal: AbortSignal,
  ): Promise<{ edits: Array<{ range: Range; newText: string }> } | { problem: string }> {
    if (!trusted) return { problem: 'the workspace is not trusted: Layerwise looks nothing up' };
    if (tools.offline) return { problem: 'layerwise.offline is set: Layerwise looks nothing up' };
    const { model } = current.result;
    if (data.kind === 'apt-base-image') {
      const node = model.instructions[data.node];
      if (!node || unpinnedAptWords(model, node).map((w) => w.name).join(' ') !== data.packages.join(' ')) return { problem: 'the RUN changed; ask again' };
      const engine = new ContainerEngine({ command: tools.containerCommand });
      const found = await aptPinEdits(model, (image, packages, platform) => aptCandidates(engine, image, packages, { runArgs: tools.runArgs, platform, signal }), node);
      if (found.edits.length === 0) return { problem: found.log.find((l) => l.startsWith('left')) ?? 'no version found' };
      return { edits: found.edits.map((e) => ({ range: rangeOf(model.lineStarts, e), newText: e.newText })) };
    }
    if (data.kind === 'from-digest') {
      const stage = model.stages[data.stage];
      const target = stage ? fromPinTarget(model, stage) : null;
      if (!target || target.image !== data.image) return { problem: 'the FROM line changed; ask again' };
      const answer = await localDigest(new ContainerEngine({ command: tools.containerCommand }), target.image, { signal });
      if ('problem' in answer) return answer;
      const edit = target.edit(answer.digest);
      return { edits: [{ range: rangeOf(model.lineStarts, edit), newText: edit.newText }] };
    }
    const index = this.index(tools);
    const node = instructionAt(model, data.span.start);
    const python = node ? stagePython(model, node.stage) : null;
    const versions = new Map<string, string>();
    const problems: string[] = [];
    await Promise.all(
      data.lookup.packages.map(async (name) => {
        const answer = await index.newest(name, python, signal);
        if ('version' in answer) versions.set(normalizePipName(name), answer.version);
        else problems.push(answer.problem);
      }),
    );
    if (versions.size === 0) return { problem: problems[0] ?? `${index.label} gave no version` };
    const facts: LintFacts = { ...current.facts, pipIndex: undefined, pinSources: [...(current.facts.pinSources ?? []), { label: data.lookup.source, pip: versions }] };
    const again = lint(model.text, { settings: current.settings, facts });
    const finding = again.findings.find((f) => f.rule === data.rule && f.span.start === data.span.start && f.span.end === data.span.end);
    const { lookup } = data;
    // A finding has one package fix per package of its command: the one asked for pins the same package.
    const samePackages = (f: Fix) => lookup.scope === 'command' || f.pin?.packages.map((p) => normalizePipName(p.name)).join(' ') === lookup.packages.map(normalizePipName).join(' ');
    const fix = finding?.fixes.find((f) => f.pin?.source === lookup.source && f.pin.style === lookup.style && f.pin.scope === lookup.scope && samePackages(f));
    if (!fix) return { problem: problems[0] ?? 'the text changed since the action was offered; ask again' };
    return { edits: fix.edits.map((e) => ({ range: rangeOf(model.lineStarts, e), newText: e.newText })) };
  }
}
