// Which index the user's pip would use: layerwise.pip.indexUrl, else
// PIP_INDEX_URL, else the index-url of pip's config files (the later files
// winning, as pip reads them), else PyPI.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PYPI_SIMPLE } from './pipIndex';

export interface IndexChoice {
  url: string;
  /** Where it was found: the setting, the variable, a config file's path, or pip's default. */
  from: string;
}

/** pip's config files, in the order pip reads them (site, then user, then the virtualenv's; PIP_CONFIG_FILE last). */
export function pipConfigFiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string[] {
  const xdgDirs = (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(Boolean);
  const xdgHome = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const files = [...xdgDirs.map((d) => path.join(d, 'pip', 'pip.conf')), '/etc/pip.conf', path.join(home, '.pip', 'pip.conf'), path.join(xdgHome, 'pip', 'pip.conf')];
  if (process.platform === 'win32' && env.APPDATA) files.push(path.join(env.APPDATA, 'pip', 'pip.ini'));
  if (env.VIRTUAL_ENV) files.push(path.join(env.VIRTUAL_ENV, process.platform === 'win32' ? 'pip.ini' : 'pip.conf'));
  if (env.PIP_CONFIG_FILE && env.PIP_CONFIG_FILE !== os.devNull) files.push(env.PIP_CONFIG_FILE);
  return files;
}

/** `index-url` from the [install] or [global] section of an INI text (install wins, as for `pip install`). */
export function indexUrlInConfig(text: string): string | null {
  let section = '';
  const found: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1].trim().toLowerCase();
      continue;
    }
    const kv = /^([\w-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (kv && kv[1].toLowerCase().replace(/_/g, '-') === 'index-url') found[section] = kv[2].trim();
  }
  return found.install ?? found.global ?? null;
}

export function chooseIndex(setting: string | null, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): IndexChoice {
  if (setting) return { url: setting, from: 'layerwise.pip.indexUrl' };
  if (env.PIP_INDEX_URL) return { url: env.PIP_INDEX_URL, from: 'PIP_INDEX_URL' };
  let choice: IndexChoice | null = null;
  for (const file of pipConfigFiles(env, home)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const url = indexUrlInConfig(text);
    if (url) choice = { url, from: file };
  }
  return choice ?? { url: PYPI_SIMPLE, from: "pip's default" };
}
