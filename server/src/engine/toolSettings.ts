// Settings for what Layerwise runs beside the linter: the container CLI and its
// extra arguments, the package index, registries and whether to look anything
// up at all. Read from VS Code's `layerwise` section and from .layerwise.yaml
// (`containerCommand:`, `docker: { buildArgs, runArgs }`, `pip: { indexUrl }`,
// `insecureRegistries:`, `offline:`), the file winning key by key. Lint never
// reads them, so a change here never re-lints. The proxy comes only from the
// editor's `http` section (a machine's setting, not a project's), never from
// .layerwise.yaml.
import { defaultProxySettings, type ProxySettings } from '../lookup/proxy';

export type ContainerCommand = 'docker' | 'podman';

export interface ToolSettings {
  /** The container CLI: docker, or podman for its build and save. */
  containerCommand: ContainerCommand;
  /** Arguments passed as they are to `docker build` (`--network=host` on machines without a bridge). */
  buildArgs: string[];
  /** Arguments passed as they are to `docker run`, for the containers of lock, pin and env-diff. */
  runArgs: string[];
  /** The pip index to ask for versions (PEP 503/691); null: PIP_INDEX_URL, pip's config, then PyPI. */
  pipIndexUrl: string | null;
  /** Registries reached over plain HTTP besides loopback, as the engine's insecure-registries. */
  insecureRegistries: string[];
  /** No registry, index or engine lookup at all. */
  offline: boolean;
  /** The editor's proxy settings; the environment's (HTTPS_PROXY, NO_PROXY) apply beside them. */
  proxy: ProxySettings;
}

export function defaultToolSettings(): ToolSettings {
  return { containerCommand: 'docker', buildArgs: [], runArgs: [], pipIndexUrl: null, insecureRegistries: [], offline: false, proxy: defaultProxySettings() };
}

export interface ParsedToolSettings {
  settings: Partial<ToolSettings>;
  problems: string[];
}

function strings(v: unknown, key: string, problems: string[]): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  problems.push(`'${key}' should be a list of strings`);
  return undefined;
}

function section(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Reads the tool settings from a VS Code `layerwise` section or a parsed .layerwise.yaml; unknown keys are the lint settings' business. */
export function readToolSettings(raw: unknown): ParsedToolSettings {
  const problems: string[] = [];
  const settings: Partial<ToolSettings> = {};
  const obj = section(raw);
  const command = obj.containerCommand;
  if (command !== undefined && command !== null) {
    if (command === 'docker' || command === 'podman') settings.containerCommand = command;
    else problems.push(`'containerCommand' should be docker or podman, not '${String(command)}'`);
  }
  const docker = section(obj.docker);
  const buildArgs = strings(docker.buildArgs, 'docker.buildArgs', problems);
  if (buildArgs) settings.buildArgs = buildArgs;
  const runArgs = strings(docker.runArgs, 'docker.runArgs', problems);
  if (runArgs) settings.runArgs = runArgs;
  const indexUrl = section(obj.pip).indexUrl;
  if (typeof indexUrl === 'string' && indexUrl.trim()) settings.pipIndexUrl = indexUrl.trim();
  else if (indexUrl !== undefined && indexUrl !== null && indexUrl !== '') problems.push("'pip.indexUrl' should be a URL");
  const insecure = strings(obj.insecureRegistries, 'insecureRegistries', problems);
  if (insecure) settings.insecureRegistries = insecure;
  if (obj.offline !== undefined && obj.offline !== null) {
    if (typeof obj.offline === 'boolean') settings.offline = obj.offline;
    else problems.push("'offline' should be true or false");
  }
  return { settings, problems };
}

/** `override` wins key by key. */
export function mergeToolSettings(base: ToolSettings, override: Partial<ToolSettings>): ToolSettings {
  return { ...base, ...Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined)) };
}

/** VS Code's `http` section (`proxy`, `proxyStrictSSL`, `noProxy`); an editor without one gives null. */
export function readProxySettings(raw: unknown): ParsedToolSettings {
  const obj = section(raw);
  const problems: string[] = [];
  const proxy = defaultProxySettings();
  if (typeof obj.proxy === 'string' && obj.proxy.trim()) proxy.url = obj.proxy.trim();
  // The value is not repeated: it may hold a password.
  else if (obj.proxy !== undefined && obj.proxy !== null && obj.proxy !== '') problems.push("'http.proxy' should be a URL");
  if (obj.proxyStrictSSL === false) proxy.strictSSL = false;
  proxy.noProxy = strings(obj.noProxy, 'http.noProxy', problems) ?? [];
  return { settings: { proxy }, problems };
}
