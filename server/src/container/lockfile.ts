// What a lockfile holds and how each strategy's output becomes one: pip's
// install report, `pip freeze`, pip-compile's and uv's requirements text. Pure
// functions, no Docker: lock.ts runs the tools and hands their output in.

export type LockStrategy = 'report' | 'freeze' | 'pip-compile' | 'uv' | 'conda';
export const LOCK_STRATEGIES: readonly LockStrategy[] = ['report', 'freeze', 'pip-compile', 'uv', 'conda'];

/** One exact pin: `name==version`, with the sha256 of each archive that may install it. */
export interface Pin {
  name: string;
  version: string;
  hashes: string[];
  /** `name @ URL` for a requirement given as a direct URL. */
  url?: string;
  /** An environment marker kept from the resolver's output (`; python_version < "3.9"`). */
  marker?: string;
}

/** PEP 503 normalisation: the name pip compares. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function sortPins(pins: Pin[]): Pin[] {
  return pins.sort((a, b) => (normaliseName(a.name) < normaliseName(b.name) ? -1 : normaliseName(a.name) > normaliseName(b.name) ? 1 : 0));
}

interface ReportItem {
  metadata?: { name?: string; version?: string };
  is_direct?: boolean;
  download_info?: {
    url?: string;
    archive_info?: { hash?: string; hashes?: Record<string, string> };
    dir_info?: unknown;
    vcs_info?: unknown;
  };
}

/** Pins from `pip install --dry-run --report -` (pip 22.2 and later): each install item's name, version and sha256. */
export function pinsFromReport(json: string): Pin[] {
  let report: { install?: ReportItem[] };
  try {
    report = JSON.parse(json) as { install?: ReportItem[] };
  } catch {
    throw new Error(`pip's report is not JSON (it begins '${json.trim().slice(0, 60)}')`);
  }
  if (!report || !Array.isArray(report.install)) throw new Error("pip's report has no 'install' list");
  const pins: Pin[] = [];
  for (const item of report.install) {
    const name = item.metadata?.name;
    const version = item.metadata?.version;
    if (!name || !version) throw new Error("an item of pip's report has no name or version");
    const info = item.download_info ?? {};
    if (info.dir_info) throw new Error(`${name} comes from a local folder, which a lockfile cannot pin: install it from an index or a wheel`);
    if (info.vcs_info) throw new Error(`${name} comes from a version control URL, which a lockfile cannot pin by hash: pin it to a commit in requirements.in`);
    const hashes: string[] = [];
    const archive = info.archive_info;
    if (archive?.hashes?.sha256) hashes.push(archive.hashes.sha256);
    else if (archive?.hash?.startsWith('sha256=')) hashes.push(archive.hash.slice('sha256='.length));
    pins.push({ name, version, hashes, ...(item.is_direct && info.url ? { url: info.url } : {}) });
  }
  return sortPins(pins);
}

/** Pins from `pip freeze` output (`name==version` lines; `name @ url` lines kept as URLs). */
export function pinsFromFreeze(text: string): Pin[] {
  const pins: Pin[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const exact = /^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)$/.exec(line);
    if (exact) {
      pins.push({ name: exact[1], version: exact[2], hashes: [] });
      continue;
    }
    if (line.startsWith('-e ')) throw new Error(`an editable install cannot be locked: ${line}`);
    throw new Error(`pip freeze printed a line that is not a pin: ${line}`);
  }
  return sortPins(pins);
}

/**
 * The freeze strategy's hashes: `# sha256 FILE HASH` lines after pip freeze's,
 * one for each archive `pip download` fetched again, matched to a pin by the
 * archive's name and version (`alpha_pkg-1.0-py3-none-any.whl`, `Alpha-Pkg-1.0.tar.gz`).
 */
export function withArchiveHashes(pins: readonly Pin[], text: string): Pin[] {
  const archives = [...text.matchAll(/^# sha256 (\S+) ([0-9a-f]{64})$/gm)].flatMap((m) => {
    const file = m[1];
    // A wheel is NAME-VERSION-TAGS.whl with no dash in NAME; an sdist is NAME-VERSION.tar.gz (or .zip), NAME may hold dashes.
    const parts = file.endsWith('.whl') ? file.split('-') : file.replace(/\.(tar\.gz|tar\.bz2|zip|tgz)$/, '').split(/-(?=[^-]*$)/);
    return parts.length >= 2 ? [{ name: normaliseName(parts[0]), version: parts[1], sha256: m[2] }] : [];
  });
  return pins.map((p) => ({ ...p, hashes: archives.filter((a) => a.name === normaliseName(p.name) && a.version === p.version).map((a) => a.sha256) }));
}

/**
 * Pins from a requirements file as pip-compile and `uv pip compile` print it:
 * `name==version` lines, `\`-continued `--hash=sha256:` lines, `# via` comments,
 * and option lines (`--index-url`) that are left out.
 */
export function pinsFromCompiled(text: string): Pin[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const comment = line.search(/(^|\s)#/);
    const body = comment >= 0 ? line.slice(0, comment) : line;
    if (/\\\s*$/.test(body)) {
      current += body.replace(/\\\s*$/, ' ');
      continue;
    }
    current += body;
    if (current.trim()) logical.push(current.trim());
    current = '';
  }
  if (current.trim()) logical.push(current.trim());
  const pins: Pin[] = [];
  for (const line of logical) {
    if (line.startsWith('-')) continue; // --index-url, --extra-index-url, --find-links, --trusted-host
    const hashes = [...line.matchAll(/--hash[= ]sha256:([0-9a-fA-F]{64})/g)].map((m) => m[1].toLowerCase());
    const requirement = line.replace(/--hash[= ]\S+/g, '').trim();
    const [spec, marker] = requirement.split(/\s*;\s*/, 2);
    const exact = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*===?\s*(\S+)$/.exec(spec);
    if (exact) {
      pins.push({ name: exact[1] + (exact[2] ?? ''), version: exact[3], hashes, ...(marker ? { marker } : {}) });
      continue;
    }
    const direct = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*@\s*(\S+)$/.exec(spec);
    if (direct) {
      pins.push({ name: direct[1], version: '', hashes, url: direct[2], ...(marker ? { marker } : {}) });
      continue;
    }
    throw new Error(`the resolver printed a line that is not an exact pin: ${line}`);
  }
  return sortPins(pins);
}

/** The requirements lines, one pin each; with hashes, each pin's `--hash=sha256:` lines continue it. */
export function requirementsBody(pins: readonly Pin[], withHashes: boolean): string {
  const lines: string[] = [];
  for (const p of pins) {
    const spec = (p.url ? `${p.name} @ ${p.url}` : `${p.name}==${p.version}`) + (p.marker ? ` ; ${p.marker}` : '');
    if (!withHashes) {
      lines.push(spec);
      continue;
    }
    if (p.hashes.length === 0) throw new Error(`no sha256 is known for ${p.name} ${p.version}: the index gave none, so --generate-hashes cannot pin it`);
    lines.push([spec, ...p.hashes.map((h) => `    --hash=sha256:${h}`)].join(' \\\n'));
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/** An index URL fit to be written down: user name and password (or token) removed. */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    // Not a URL we can parse: drop anything that looks like `user:secret@` before the host.
    return url.replace(/\/\/[^/@\s]*@/, '//');
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The lesson's date label (`requirements-3sep.txt`): day of the month and the month's short name, in UTC. */
export function dateLabel(date: Date): string {
  return `${date.getUTCDate()}${MONTHS[date.getUTCMonth()]}`;
}

/** A label that is safe in a file name and in an ARG value. */
export function checkLabel(label: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(label)) throw new Error(`--label takes letters, digits, '.', '_' and '-' (such as 3sep), not '${label}'`);
  return label;
}

export function lockfileName(strategy: LockStrategy, label: string): string {
  return `requirements-${label}.${strategy === 'conda' ? 'yaml' : 'txt'}`;
}

export interface LockHeader {
  file: string;
  image: string;
  /** The RepoDigest (`name@sha256:…`), or the image ID when the image was never pushed or pulled. */
  imageDigest: string;
  platform: string;
  strategy: LockStrategy;
  /** Such as `pip 23.0.1`, `Python 3.11.2`. */
  tools: string[];
  date: Date;
  indexUrl: string | null;
  input: string;
  hashes: boolean;
}

/** The comment lines that say how the lockfile was made; pip and conda both skip `#` lines. */
export function lockHeader(h: LockHeader): string {
  const install =
    h.strategy === 'conda'
      ? `conda install -y --no-deps --file ${h.file}`
      : `pip --no-cache-dir install --no-deps${h.hashes ? ' --require-hashes' : ''} -r ${h.file}`;
  return [
    `# ${h.file}: made by layerwise lock from ${h.input}, ${h.date.toISOString().slice(0, 10)}`,
    `# image: ${h.image} (${h.imageDigest}), platform ${h.platform}`,
    `# strategy: ${h.strategy} (${h.tools.join(', ')})`,
    ...(h.indexUrl ? [`# index: ${withoutCredentials(h.indexUrl)}`] : []),
    `# install with: ${install}`,
    '',
  ].join('\n');
}
