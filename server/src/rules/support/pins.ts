// Pin fixes for pip and conda installs, from the versions the front end
// handed in (lockfiles, an index): per install command's finding, one fix per
// source that pins every unpinned package of the command, and one per
// package, offered where the cursor is on it; each as `pkg==V` and as
// practice 3's ARG form, naming the ARG with version-not-in-arg's helper. Pins
// are unsafe: a later build installs something else than the unpinned text
// would.
import type { Catalogue } from '../../catalogue/catalogue';
import { eol, indentOf, lineInsertionPoint } from '../../engine/edits';
import { normalizeOtherName, normalizePipName } from '../../engine/packageNames';
import type { Fix, LintFacts, PinStyle, TextEdit } from '../../engine/rule';
import { argsInScope, type Binding } from '../../model/scope';
import type { DockerfileModel, InstructionNode, Word } from '../../model/types';
import { insertionOffset, namesDeclared, PendingNames, takenNames, versionArg, type DeclaredNames, type TakenNames, type VersionArg } from './versionArg';

export interface PinTarget {
  word: Word;
  name: string;
}

export type PinManager = 'pip' | 'conda';

const OPERATOR: Record<PinManager, string> = { pip: '==', conda: '=' };
const STYLES: readonly PinStyle[] = ['pin', 'arg'];

/** What the fixes of one check share: the ARG names they claim, so that alternatives name one package's ARG alike. */
export class PinNames {
  private readonly pending = new PendingNames();
  private taken: TakenNames | null = null;
  private readonly claimed = new Map<string, VersionArg>();
  private readonly scopes = new Map<InstructionNode, Map<string, Binding>>();

  constructor(
    private readonly model: DockerfileModel,
    private readonly catalogue: Catalogue,
  ) {}

  argFor(node: InstructionNode, name: string, version: string, manager: PinManager): VersionArg {
    const key = `${node.index}|${name.toLowerCase()}|${version}`;
    let arg = this.claimed.get(key);
    if (!arg) {
      // Reading every ARG and ENV here keeps the rules' collect lean; the engine's reuse re-runs this check
      // after an edit of an ARG or ENV whenever pin sources are given.
      this.taken ??= takenNames(this.model, this.catalogue, this.model.instructions.map(namesDeclared).filter((n): n is DeclaredNames => n !== null));
      let scope = this.scopes.get(node);
      if (!scope) this.scopes.set(node, (scope = argsInScope(this.model, node)));
      arg = versionArg(node, name, version, scope, this.pending, this.taken, [manager, this.model.stages[node.stage]?.name ?? null]);
      this.claimed.set(key, arg);
    }
    return arg;
  }
}

/** Whether any pin fix could be offered: a check does no pin work without a source. */
export function hasPinSources(facts: Readonly<LintFacts>, manager: PinManager): boolean {
  return (facts.pinSources ?? []).some((s) => s[manager] && s[manager].size > 0) || (manager === 'pip' && !!facts.pipIndex);
}

/**
 * The pin fixes for one install command's finding, `command` being its
 * unpinned packages: per source and style, one that pins them all, then one
 * per package, which holds the package's word as its `at` (an editor offers it
 * where the cursor is on that package).
 */
export function pinFixes(model: DockerfileModel, facts: Readonly<LintFacts>, names: PinNames, manager: PinManager, node: InstructionNode, command: readonly PinTarget[]): Fix[] {
  const fixes: Fix[] = [];
  const normalize = manager === 'pip' ? normalizePipName : normalizeOtherName;
  const target = node.trigger ?? node;
  // A variable does not expand in the exec form or in an ONBUILD trigger's other build.
  const styles = target.run?.form === 'exec' || target.onbuild ? STYLES.slice(0, 1) : STYLES;
  const many = command.length > 1;
  const at = (p: PinTarget) => ({ start: p.word.start, end: p.word.end });
  for (const source of facts.pinSources ?? []) {
    const versions = source[manager];
    if (!versions) continue;
    const known = command.filter((p) => versions.has(normalize(p.name)) && insertAt(model, p.word) !== null);
    for (const style of styles) {
      if (many && known.length > 1) {
        const packages = known.map((p) => ({ target: p, version: versions.get(normalize(p.name))! }));
        const count = known.length === command.length ? `${known.length}` : `${known.length} of ${command.length}`;
        const title = `Pin ${count} packages${style === 'arg' ? ' in ARGs' : ''} (${source.label})`;
        const fix = pinFix(model, names, manager, node, packages, style, title);
        if (fix) fixes.push({ ...fix, pin: { source: source.label, style, scope: 'command', packages: packages.map((p) => ({ name: p.target.name, version: p.version })) } });
      }
      for (const own of known) {
        const version = versions.get(normalize(own.name))!;
        const arg = style === 'arg' ? names.argFor(target, own.name, version, manager) : null;
        const title = `Pin ${own.name} to ${version}${arg ? ` in ARG ${arg.name}` : ''} (${source.label})`;
        const fix = pinFix(model, names, manager, node, [{ target: own, version }], style, title);
        if (fix) fixes.push({ ...fix, at: at(own), pin: { source: source.label, style, scope: 'package', packages: [{ name: own.name, version }] } });
      }
    }
  }
  if (manager === 'pip' && facts.pipIndex && !(facts.pinSources ?? []).some((s) => s.label === facts.pipIndex)) {
    const index = facts.pipIndex;
    for (const style of styles) {
      const how = style === 'arg' ? ' in ARGs' : '';
      if (many) fixes.push(lookupFix(`Pin ${command.length} packages to the newest on ${index}${how}`, index, style, 'command', command));
      for (const own of command) fixes.push({ ...lookupFix(`Pin ${own.name} to the newest on ${index}${style === 'arg' ? ' in an ARG' : ''}`, index, style, 'package', [own]), at: at(own) });
    }
  }
  return fixes;
}

function lookupFix(title: string, source: string, style: PinStyle, scope: 'command' | 'package', packages: readonly PinTarget[]): Fix {
  return { title, safety: 'unsafe', edits: [], lookup: { kind: 'pip-index', source, style, scope, packages: packages.map((p) => p.name) } };
}

/** Where a version goes in a package word: after the name, inside its quotes; null where the word's text is not that simple. */
function insertAt(model: DockerfileModel, word: Word): number | null {
  if (model.text.slice(word.start, word.end) !== word.raw) return null;
  if (word.raw === word.value) return word.end;
  const quoted = word.raw.length === word.value.length + 2 && /^(["']).*\1$/s.test(word.raw) && word.raw.slice(1, -1) === word.value;
  return quoted ? word.end - 1 : null;
}

function pinFix(
  model: DockerfileModel,
  names: PinNames,
  manager: PinManager,
  node: InstructionNode,
  packages: ReadonlyArray<{ target: PinTarget; version: string }>,
  style: PinStyle,
  title: string,
): Fix | null {
  const target = node.trigger ?? node;
  const edits: TextEdit[] = [];
  const declarations: string[] = [];
  for (const { target: p, version } of packages) {
    const at = insertAt(model, p.word);
    if (at === null || !/^[A-Za-z0-9][A-Za-z0-9.+!~:_*-]*$/.test(version)) return null;
    if (style === 'pin') {
      edits.push({ start: at, end: at, newText: `${OPERATOR[manager]}${version}` });
      continue;
    }
    // `'astropy'` in single quotes would keep `$ASTROPY_VERSION` as it is.
    if (model.text[at] === "'") return null;
    const arg = names.argFor(target, p.name, version, manager);
    const ref = at === p.word.end ? `$${arg.name}` : `\${${arg.name}}`;
    edits.push({ start: at, end: at, newText: `${OPERATOR[manager]}${ref}` });
    if (!arg.reused && !declarations.some((d) => d.startsWith(`ARG ${arg.name}=`))) declarations.push(`ARG ${arg.name}="${version}"`);
  }
  if (declarations.length > 0) {
    const at = lineInsertionPoint(model, insertionOffset(model, target));
    const indent = indentOf(target);
    edits.push({ start: at, end: at, newText: declarations.map((d) => `${indent}${d}${eol(model)}`).join('') });
  }
  return { title, safety: 'unsafe', edits, instructionsAdded: declarations.length };
}
