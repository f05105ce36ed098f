import { callsIn, optionValue, type ToolCall, type ToolSpec } from '../engine/commands';
import { instructionProperties } from '../model/properties';
import type { Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { cloneBranch, GIT } from './support/git';
import { downloadUrls, isGetPip, namesLatest, refInUrl } from './support/urls';

const CURL: ToolSpec = { names: /^curl$/, valued: new Set(['-o', '--output', '-H', '--header', '-u', '--user', '-A', '-e', '-d', '--data', '-X', '-w']) };
const WGET: ToolSpec = { names: /^wget$/, valued: new Set(['-O', '--output-document', '-P', '--directory-prefix', '-o', '-a', '-e', '-U', '--header']) };

/** Branch names that move; a ref is pinned when it names a tag or commit (a version or a hash) or comes from a variable. */
const FLOATING = /^(master|main|develop|development|dev|devel|trunk|head|latest|stable|nightly|next|default|edge|unstable|mainline|release|fetch_head)$/i;

function pinnedRef(ref: string, expands: boolean): boolean {
  if (expands) return true;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  if (FLOATING.test(last)) return false;
  return /^[0-9a-f]{7,40}$/i.test(last) || /\d/.test(last);
}

/**
 * A `git checkout <ref>`, `git reset --hard <ref>` or `git switch --detach <ref>` that pins what was cloned,
 * or a `git fetch <remote> <ref>` of a tag or commit (then checked out as FETCH_HEAD).
 */
function pinsCheckout(call: ToolCall): boolean {
  const subcommand = call.subcommand?.value ?? '';
  if (subcommand === 'fetch') return call.operands.slice(1).some((w) => pinnedRef(w.value, w.expands));
  if (!['checkout', 'reset', 'switch'].includes(subcommand)) return false;
  const branchValues = new Set(['-b', '-B', '-c', '-C'].map((o) => optionValue(call, [o])).filter((o) => o !== null).map((o) => o!.word.start));
  return call.operands.some((w) => !branchValues.has(w.start) && pinnedRef(w.value, w.expands));
}

/** What one instruction downloads that may move, and whether it pins the clones of the RUNs before it. */
interface Downloads {
  /** URLs of whatever is latest, or of a code host's file or archive of a branch (named then). */
  latest: Array<{ word: Word; branch: string | null }>;
  /** Clones that neither their own ref nor a later command of the instruction pins. */
  clones: ToolCall[];
  /** Whether a command of the instruction pins a checkout (of a clone in it or earlier in the stage). */
  pins: boolean;
  /** URLs and clone refs written through a variable (`$URL`, `-b "$BRANCH"`): moving targets when its value is one. */
  throughVariable: Array<{ word: Word; kind: 'url' | 'ref' }>;
  /** For an ARG or ENV: the values it sets, which the words above may name. */
  sets: Array<{ name: string; value: string | null }> | null;
  /** get-pip.py downloads that the instruction does not give a pip version (`python - pip==24.2`). */
  getPip: Word[];
  /** Whether the instruction runs a get-pip.py it names with a pip version, pinning the one an earlier ADD fetched. */
  pinsGetPip: boolean;
}

/** A requirement of pip with a version, as get-pip.py takes it: `pip==24.2`, `pip==${PIP_VERSION}`. */
const PIP_PIN = /^pip\s*===?\s*\S/;

/** A word's value with `$NAME` and `${NAME}` replaced from `values`; null when one is unknown. */
function resolved(value: string, values: ReadonlyMap<string, string | null>): string | null {
  let unknown = false;
  const out = value.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (_m, braced, bare) => {
    const v = values.get(braced ?? bare);
    if (v === undefined || v === null) unknown = true;
    return v ?? '';
  });
  return unknown ? null : out;
}

export const movingTargetDownload: Rule<Downloads> = {
  meta: {
    id: 'moving-target-download',
    title: 'A download of whatever is latest: a latest URL, or git clone without a pinned ref',
    severity: 'info',
    category: 'versions',
    hadolint: [],
    fix: null,
    messages: {
      latest: "This URL downloads whatever is latest on the day of the build: name the version instead, so that a rebuild gets the same files.",
      branch: "This URL downloads whatever the branch '{branch}' holds on the day of the build: name a tag or a commit in its place, so that a rebuild gets the same files.",
      clone: "git clone without a tag or commit takes whatever the branch holds on the day of the build: add --branch <tag>, or git checkout <commit> after it.",
      latestVariable: "This URL is '{value}' by its ARG or ENV default, which downloads whatever is latest on the day of the build: name the version instead.",
      branchVariable: "This ref is '{value}' by its ARG or ENV default, a branch that moves: clone a tag, or git checkout <commit> after it.",
      getPip:
        "get-pip.py installs the newest pip on the day of the build: give it the version to install ('python get-pip.py pip==24.2', or 'python - pip==24.2' after a pipe), so that a rebuild gets the same pip.",
    },
  },
  collect(node) {
    const inst = node.trigger ?? node;
    const sets = inst.keyword === 'ARG' || inst.keyword === 'ENV' ? instructionProperties(inst).map((p) => ({ name: p.name, value: p.value })) : null;
    const urls = downloadUrls(node).map((u) => u.word);
    const latest: Downloads['latest'] = [];
    // get-pip.py is given pip's version as a requirement, by the command that runs it or reads it from a pipe.
    // Read only where get-pip.py is named: every RUN of a long file passes here.
    const commands = inst.run?.commands ?? [];
    const fetched = urls.filter((w) => w.value.endsWith('get-pip.py') && isGetPip(w.value));
    const runs = commands.some((c) => c.words.some((w) => w.value.endsWith('get-pip.py')));
    const pipPinned = (fetched.length > 0 || runs) && commands.some((c) => c.words.some((w) => PIP_PIN.test(w.value)));
    const getPip = pipPinned ? [] : fetched;
    const pinsGetPip = pipPinned && runs;
    for (const word of urls) {
      // A ref judged as a clone's is: a branch moves, a tag or a commit does not.
      if (namesLatest(word.value)) latest.push({ word, branch: null });
      else {
        const ref = refInUrl(word.value);
        if (ref !== null && !pinnedRef(ref, ref.includes('$'))) latest.push({ word, branch: ref });
      }
    }
    const throughVariable: Downloads['throughVariable'] = [];
    for (const word of urls) if (word.expands && !latest.some((l) => l.word === word)) throughVariable.push({ word, kind: 'url' });
    // `wget $URL`: a download of a variable alone, which downloadUrls cannot tell from another word.
    for (const call of [...callsIn(node, CURL), ...callsIn(node, WGET)]) {
      for (const w of [call.subcommand, ...call.operands]) if (w && /^\$\{?\w+\}?$/.test(w.value) && !throughVariable.some((t) => t.word === w)) throughVariable.push({ word: w, kind: 'url' });
    }
    const calls = callsIn(node, GIT);
    const pinning = calls.filter(pinsCheckout);
    const clones = calls.filter((clone) => {
      if (clone.subcommand?.value !== 'clone') return false;
      const branch = cloneBranch(clone);
      if (branch?.word.expands && !pinning.some((c) => c.command.start > clone.command.start)) throughVariable.push({ word: branch.word, kind: 'ref' });
      if (branch && pinnedRef(branch.value, branch.word.expands)) return false;
      // A checkout later in this RUN pins it too.
      return !pinning.some((c) => c.command.start > clone.command.start);
    });
    return latest.length > 0 || clones.length > 0 || pinning.length > 0 || throughVariable.length > 0 || sets || getPip.length > 0 || pinsGetPip
      ? { latest, clones, pins: pinning.length > 0, throughVariable, sets, getPip, pinsGetPip }
      : null;
  },
  local: true,
  check({ model, report, collected }) {
    // A checkout in a later RUN of the stage pins a clone too: where each stage's last pinning instruction stands.
    const lastPin = new Map<number, number>();
    collected.forEach(({ node, fact }, position) => {
      if (fact.pins) lastPin.set(node.stage, position);
    });
    // The ARG defaults before the first FROM, which a stage's `ARG NAME` brings in, and each stage's ARG and ENV values so far.
    const globals = new Map<string, string | null>();
    for (const arg of model.globalArgs) for (const p of instructionProperties(arg)) globals.set(p.name, p.value);
    let stage = Number.NaN;
    let values = new Map<string, string | null>();
    collected.forEach(({ node, fact }, position) => {
      if (node.stage < 0) return;
      if (node.stage !== stage) {
        stage = node.stage;
        values = new Map();
      }
      if (fact.sets && !node.onbuild) {
        for (const { name, value } of fact.sets) values.set(name, value ?? (node.keyword === 'ARG' ? (globals.get(name) ?? null) : null));
        return;
      }
      for (const { word, branch } of fact.latest) report({ span: word, messageId: branch ? 'branch' : 'latest', data: branch ? { branch } : undefined });
      // An ADD of get-pip.py is pinned by the later RUN of the stage that runs it with pip's version.
      const pinnedLater = (n: number) => collected.some(({ node: later, fact: f }, k) => k > position && later.stage === n && f.pinsGetPip);
      for (const word of fact.getPip) if (!pinnedLater(node.stage)) report({ span: word, messageId: 'getPip' });
      for (const { word, kind } of fact.throughVariable) {
        const value = resolved(word.value, values);
        if (value === null) continue;
        if (kind === 'url' && namesLatest(value)) report({ span: word, messageId: 'latestVariable', data: { value } });
        if (kind === 'ref' && !pinnedRef(value, false) && (lastPin.get(node.stage) ?? -1) <= position) report({ span: word, messageId: 'branchVariable', data: { value } });
      }
      if ((lastPin.get(node.stage) ?? -1) > position) return;
      for (const clone of fact.clones) {
        const url = clone.operands[0];
        report({ span: url ?? { start: clone.tool.start, end: clone.subcommand!.end }, messageId: 'clone' });
      }
    });
  },
};
