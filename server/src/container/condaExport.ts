// `conda env export` turned into the lesson's requirements-<label>.yaml: the
// versioned packages only, one `name=version=build` per line, as
// `conda install --no-deps --file` takes them into the image's existing
// environment. The lesson does it with three seds; here the YAML is read as
// YAML, so a reordered or re-indented export gives the same list.
import { parse } from 'yaml';

export interface CondaRequirements {
  /** The package lines, in the export's order. */
  packages: string[];
  /** Packages of the export's `pip:` section: `conda install --file` cannot take them, so they are reported, not written. */
  pipPackages: string[];
}

export function condaRequirements(exported: string): CondaRequirements {
  let doc: unknown;
  try {
    doc = parse(exported);
  } catch (e) {
    throw new Error(`conda env export printed something that is not YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const dependencies = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).dependencies : undefined;
  if (!Array.isArray(dependencies)) throw new Error("conda env export printed no 'dependencies' list");
  const packages: string[] = [];
  const pipPackages: string[] = [];
  for (const d of dependencies) {
    if (typeof d === 'string' || typeof d === 'number') packages.push(String(d).trim());
    else if (d && typeof d === 'object' && Array.isArray((d as Record<string, unknown>).pip)) pipPackages.push(...((d as { pip: unknown[] }).pip.map(String)));
  }
  return { packages, pipPackages };
}

export function condaRequirementsText(requirements: CondaRequirements): string {
  return requirements.packages.map((p) => `${p}\n`).join('');
}
