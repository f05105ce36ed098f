// Finding and reading settings files: the nearest .layerwise.yaml walking up
// from the Dockerfile (or the file given with --config), and the nearest
// .hadolint.yaml, whose `ignored:` list Layerwise honours.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeSettings, parseHadolintYaml, parseLayerwiseYaml, type LintSettings, type ParsedSettings } from './settings';
import { mergeToolSettings, type ParsedToolSettings, type ToolSettings } from './toolSettings';

export const LAYERWISE_FILES = ['.layerwise.yaml', '.layerwise.yml'];
export const HADOLINT_FILES = ['.hadolint.yaml', '.hadolint.yml'];

export interface ResolvedSettings {
  settings: LintSettings;
  /** Settings files read, nearest first. */
  files: string[];
  /** Problems in those files, each prefixed with the file's path. */
  problems: string[];
}

function findUp(dir: string, names: readonly string[], cache: Map<string, string | null>): string | null {
  const key = `${names[0]}\0${dir}`;
  if (cache.has(key)) return cache.get(key)!;
  let found: string | null = null;
  for (const name of names) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) {
      found = candidate;
      break;
    }
  }
  if (!found) {
    const parent = path.dirname(dir);
    found = parent === dir ? null : findUp(parent, names, cache);
  }
  cache.set(key, found);
  return found;
}

export class SettingsResolver {
  private readonly found = new Map<string, string | null>();
  private readonly parsed = new Map<string, ParsedSettings & { tools?: ParsedToolSettings }>();

  constructor(
    private readonly knownRules: ReadonlySet<string>,
    /** A settings file that replaces the search for .layerwise.yaml, as --config does. */
    private readonly configFile?: string,
  ) {}

  private read(file: string, kind: 'layerwise' | 'hadolint'): ParsedSettings & { tools?: ParsedToolSettings } {
    let parsed = this.parsed.get(file);
    if (!parsed) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        parsed = { settings: {}, problems: [`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`] };
        this.parsed.set(file, parsed);
        return parsed;
      }
      parsed = kind === 'layerwise' ? parseLayerwiseYaml(text, this.knownRules) : parseHadolintYaml(text);
      this.parsed.set(file, parsed);
    }
    return parsed;
  }

  /** Settings for a Dockerfile: `base` (such as VS Code's settings), then hadolint's ignores, then .layerwise.yaml. */
  resolve(dockerfile: string, base: LintSettings): ResolvedSettings {
    const dir = path.dirname(path.resolve(dockerfile));
    const files: string[] = [];
    const problems: string[] = [];
    let settings = base;
    const hadolint = findUp(dir, HADOLINT_FILES, this.found);
    if (hadolint) {
      const h = this.read(hadolint, 'hadolint');
      settings = mergeSettings(settings, h.settings);
      files.push(hadolint);
      problems.push(...h.problems.map((p) => `${hadolint}: ${p}`));
    }
    const layerwise = this.configFile ? path.resolve(this.configFile) : findUp(dir, LAYERWISE_FILES, this.found);
    if (layerwise) {
      const l = this.read(layerwise, 'layerwise');
      settings = mergeSettings(settings, l.settings);
      files.unshift(layerwise);
      problems.push(...l.problems.map((p) => `${layerwise}: ${p}`));
    }
    return { settings, files, problems };
  }

  /** The tool settings for a Dockerfile: `base` (such as VS Code's settings), then the nearest .layerwise.yaml. */
  resolveTools(dockerfile: string, base: ToolSettings): { settings: ToolSettings; problems: string[] } {
    const file = this.configFile ? path.resolve(this.configFile) : findUp(path.dirname(path.resolve(dockerfile)), LAYERWISE_FILES, this.found);
    if (!file) return { settings: base, problems: [] };
    const read = this.read(file, 'layerwise');
    const tools = read.tools ?? { settings: {}, problems: [] };
    return { settings: mergeToolSettings(base, tools.settings), problems: tools.problems.map((p) => `${file}: ${p}`) };
  }

  /** Forgets what was read, after a settings file changed. */
  clear(): void {
    this.found.clear();
    this.parsed.clear();
  }
}
