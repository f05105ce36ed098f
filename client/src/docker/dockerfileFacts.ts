// What the Build pickers offer, read from the Dockerfile's text: its stages
// and the ARGs the build of a stage sees, with their defaults.
import { buildModel } from '../../../server/src/model/build';

export interface BuildArgFact {
  name: string;
  /** The default written in the Dockerfile, or null when it has none. */
  defaultValue: string | null;
}

export function stagesOf(text: string): string[] {
  return buildModel(text).stages.map((s, i) => s.name ?? String(i));
}

/** ARGs before the first FROM and in any stage, each once, with its first default. */
export function buildArgsOf(text: string): BuildArgFact[] {
  const model = buildModel(text);
  const seen = new Map<string, BuildArgFact>();
  for (const node of model.instructions) {
    if (node.keyword.toUpperCase() !== 'ARG') continue;
    for (const word of node.args) {
      const eq = word.value.indexOf('=');
      const name = eq < 0 ? word.value : word.value.slice(0, eq);
      if (!name || seen.has(name)) continue;
      seen.set(name, { name, defaultValue: eq < 0 ? null : unquote(word.value.slice(eq + 1)) });
    }
  }
  return [...seen.values()];
}

/** Only the args the user changed from their defaults are passed. */
export function changedArgs(facts: readonly BuildArgFact[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of facts) {
    const v = values[f.name];
    if (v !== undefined && v !== (f.defaultValue ?? '')) out[f.name] = v;
  }
  return out;
}

/** ARG V="18.04" means 18.04, as docker reads it; the model's words keep their quotes. */
function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/s.exec(value);
  return m ? m[2] : value;
}
