import type { Rule } from '../engine/rule';
import { instructionProperties } from '../model/properties';
import { stageChain } from '../model/scope';
import type { DockerfileModel, Stage, Word } from '../model/types';
import { isScratch, stageBase } from './support/baseImage';
import { suggestName } from './support/buildkit';
import { referencedNames } from './support/variables';

/** What one instruction reads and sets: the variables in the words Docker expands, and the names it defines. */
interface VarFact {
  uses: Array<{ word: Word; names: string[] }>;
  /** ENV and ARG names it sets (an ARG without a default too: BuildKit then takes it from --build-arg). */
  defines: string[];
}

/** Instructions whose words BuildKit expands itself; RUN, CMD and ENTRYPOINT leave `$NAME` to the shell. */
const EXPANDED = new Set(['ENV', 'LABEL', 'ARG', 'ADD', 'COPY', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL']);
/** Names BuildKit never reports: PATH, which every image has (BuildKit sets a default one), and its SBOM ARGs. */
const ALWAYS_SET = new Set(['PATH', 'BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

export const undefinedVar: Rule<VarFact> = {
  meta: {
    id: 'undefined-var',
    title: 'A variable used before any ARG or ENV sets it',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['UndefinedVar'],
    fix: null,
    messages: {
      later: "'${name}' is used here but only set further down: Docker expands it to nothing at this point. Move the {keyword} that sets it above this line.",
      typo: "'${name}' is not set at this point and reads as nothing: did you mean ${near}?",
      undefined: "'${name}' is not set at this point (the stage starts FROM scratch): Docker expands it to nothing. Declare it with ARG or ENV first.",
    },
  },
  collect(node) {
    if (!EXPANDED.has(node.keyword)) return null;
    const defines =
      node.keyword === 'ARG' ? node.args.map((w) => w.value.split('=')[0]) : node.keyword === 'ENV' ? instructionProperties(node).map((p) => p.name) : [];
    // A heredoc's body is not read here: what BuildKit expands in it depends on how its delimiter is quoted.
    const words = node.args.some((w) => w.value.startsWith('<<')) ? [] : node.args;
    const uses: VarFact['uses'] = [];
    for (const word of words) {
      if (!word.raw.includes('$')) continue;
      const names = referencedNames(node.keyword === 'ARG' ? word.raw.slice(word.raw.indexOf('=') + 1) : word.raw).filter((n) => !ALWAYS_SET.has(n));
      if (names.length > 0) uses.push({ word, names });
    }
    return uses.length > 0 || defines.length > 0 ? { uses, defines } : null;
  },
  check({ model, catalogue, report, collected }) {
    // Most files read no variable but PATH in these instructions: nothing to walk then.
    if (!collected.some((c) => c.fact.uses.length > 0)) return;
    // The names each stage has set by its end, for the stages built FROM it; and every name the Dockerfile sets.
    const atEnd = new Map<number, Set<string>>();
    const everywhere = new Set<string>();
    for (const { fact } of collected) for (const name of fact.defines) everywhere.add(name);
    const laterInStage = new Map<number, Map<string, string>>();
    for (const { node, fact } of collected) {
      if (node.stage < 0) continue;
      let later = laterInStage.get(node.stage);
      if (!later) laterInStage.set(node.stage, (later = new Map()));
      for (const name of fact.defines) if (!later.has(name)) later.set(name, node.keyword);
    }
    let stage = -1;
    let defined = new Set<string>();
    let fromScratch = false;
    for (const { node, fact } of collected) {
      if (node.stage < 0) continue;
      if (node.stage !== stage) {
        if (stage >= 0) atEnd.set(stage, defined);
        stage = node.stage;
        const s = model.stages[stage];
        defined = inherited(model, s, atEnd);
        const base = stageBase(model, catalogue, s);
        fromScratch = base.image !== null && isScratch(base.image);
        for (const name of Object.keys(base.known?.env ?? {})) defined.add(name);
      }
      // An ENV expands its values with what was set before it; an ARG sets its names one after another.
      const setHere = new Set<string>();
      for (const use of fact.uses) {
        for (const name of use.names) {
          if (defined.has(name) || ALWAYS_SET.has(name) || (node.keyword === 'ARG' && setHere.has(name))) continue;
          const near = suggestName(name, [...defined, ...ALWAYS_SET]);
          const messageId = kindOf(name, fact, fromScratch, laterInStage.get(stage)!, everywhere, near);
          if (!messageId) continue;
          report({
            span: use.word,
            messageId: messageId === 'undefined' && near ? 'typo' : messageId,
            data: { name, near: near ?? '', keyword: laterInStage.get(stage)!.get(name) ?? 'ARG' },
          });
        }
        if (node.keyword === 'ARG') setHere.add(use.word.value.split('=')[0]);
      }
      for (const name of fact.defines) defined.add(name);
    }
  },
  local: true,
};

/**
 * Whether to report a name that is not set here, and how. BuildKit knows the base image's ENV; Layerwise does
 * not (the catalogue holds a few of them), so on a base image it only reports what is certainly wrong: a name
 * the stage sets only further down (never the name the instruction itself sets, as `ENV X=/a:$X` appends to what
 * the base image may set), or a name that no instruction sets and that is within two edits of one that is set
 * here. From scratch nothing is inherited, and every name counts, as in BuildKit.
 */
function kindOf(
  name: string,
  fact: VarFact,
  fromScratch: boolean,
  setInStage: ReadonlyMap<string, string>,
  everywhere: ReadonlySet<string>,
  near: string | null,
): 'later' | 'typo' | 'undefined' | null {
  if (fromScratch) return setInStage.has(name) && !fact.defines.includes(name) ? 'later' : 'undefined';
  if (fact.defines.includes(name)) return null;
  if (setInStage.has(name)) return 'later';
  if (everywhere.has(name)) return null;
  return near ? 'typo' : null;
}

/** What a stage inherits: the names the stages under it set (ENV, and ARGs, which BuildKit carries over). */
function inherited(model: DockerfileModel, stage: Stage, atEnd: ReadonlyMap<number, Set<string>>): Set<string> {
  const names = new Set<string>();
  for (const s of stageChain(model, stage).slice(1)) for (const name of atEnd.get(s.index) ?? []) names.add(name);
  return names;
}
