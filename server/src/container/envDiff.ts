// Capture environment changes, the pure half: the lesson's
// `env >before; conda install …; env >after; diff before after`, read as data,
// and the variables worth an ENV line written as ENV lines. A variable that
// only a login shell sees (set in a profile file) is kept apart: `docker run
// IMAGE python` never reads profile files, nor does Singularity's home.
import { eol, indentOf } from '../engine/edits';
import type { TextEdit } from '../engine/rule';
import { buildModel } from '../model/build';
import { lineContentEnd, lineOf } from '../model/lines';

export type Env = Map<string, string>;

/** What every container or shell sets for itself: never a change worth an ENV line. */
const OWN_VARIABLES = new Set(['HOSTNAME', 'PWD', 'OLDPWD', 'SHLVL', '_', 'TERM']);

/** `env` output as a map; a line that does not start a variable continues the value before it (a value with a newline). */
export function parseEnv(text: string): Env {
  const env: Env = new Map();
  let last: string | null = null;
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) {
      env.set(m[1], m[2]);
      last = m[1];
    } else if (last !== null) {
      env.set(last, `${env.get(last)}\n${line}`);
    }
  }
  return env;
}

export interface EnvChange {
  name: string;
  /** null when the variable is new. */
  before: string | null;
  /** null when the variable was removed. */
  after: string | null;
}

/** Variables added, changed or removed from `before` to `after`, by name; the containers' own (HOSTNAME, PWD…) left out. */
export function diffEnv(before: Env, after: Env): EnvChange[] {
  const changes: EnvChange[] = [];
  for (const name of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    if (OWN_VARIABLES.has(name)) continue;
    const a = before.get(name) ?? null;
    const b = after.get(name) ?? null;
    if (a !== b) changes.push({ name, before: a, after: b });
  }
  return changes;
}

/**
 * What a login shell adds to the image's own environment in `image` and not
 * already in `base`: the variables the Dockerfile put in profile files.
 */
export function profileOnly(plain: Env, login: Env, basePlain: Env | null, baseLogin: Env | null): EnvChange[] {
  const inBase = new Map((basePlain && baseLogin ? diffEnv(basePlain, baseLogin) : []).map((c) => [c.name, c.after]));
  return diffEnv(plain, login).filter((c) => c.after !== null && inBase.get(c.name) !== c.after);
}

/** A value as an ENV instruction keeps it: double-quoted, with `"`, `\` and `$` escaped (ENV expands `$`). */
function envValue(value: string): string {
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

export function envLines(vars: ReadonlyArray<{ name: string; value: string }>): string[] {
  return vars.map((v) => `ENV ${v.name}=${envValue(v.value)}`);
}

/**
 * Inserts ENV lines at the end of a stage (before its CMD or ENTRYPOINT), where
 * every RUN that made the variables' files is done; the final stage when none is named.
 */
export function insertEnvLines(text: string, lines: readonly string[], stageName?: string): string {
  const model = buildModel(text);
  const stage = stageName ? model.stages.find((s) => s.name === stageName.toLowerCase()) : model.stages[model.stages.length - 1];
  if (!stage) throw new Error(stageName ? `the Dockerfile has no stage named ${stageName}` : 'the Dockerfile has no FROM');
  if (lines.length === 0) return text;
  const nl = eol(model);
  const end = stage.instructions.find((n) => n.keyword === 'CMD' || n.keyword === 'ENTRYPOINT');
  let edit: TextEdit;
  if (end) {
    const at = model.lineStarts[lineOf(model.lineStarts, end.start)];
    edit = { start: at, end: at, newText: lines.map((l) => indentOf(end) + l + nl).join('') };
  } else {
    const last = stage.instructions[stage.instructions.length - 1];
    const at = lineContentEnd(model.lineStarts, text, lineOf(model.lineStarts, Math.max(last.start, last.end - 1)));
    edit = { start: at, end: at, newText: lines.map((l) => nl + indentOf(last) + l).join('') };
  }
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
