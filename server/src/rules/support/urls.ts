// URLs that a build downloads (curl, wget, git, pip, conda, ADD), and what
// their paths say: a version written into them, or `latest`.
import { baseName, unwrap } from '../../engine/commands';
import type { InstructionNode, ShellCommand, Word } from '../../model/types';

const URL_START = /^(?:https?|ftp):\/\/([^/\s]+)/i;

/** Commands that fetch what a URL names. */
const DOWNLOADERS = /^(curl|wget|aria2c|axel|git|pip[\d.]*|python[\d.]*|conda|mamba|micromamba|rpm|yum|dnf)(\.exe)?$/i;

export interface DownloadUrl {
  word: Word;
  /** The command that fetches it; null for ADD. */
  command: ShellCommand | null;
}

/** URLs fetched by a RUN (an ONBUILD RUN included) or named by an ADD. */
export function downloadUrls(node: InstructionNode): DownloadUrl[] {
  const target = node.trigger ?? node;
  if (target.keyword === 'ADD') {
    return target.args.filter((a) => URL_START.test(a.value)).map((word) => ({ word, command: null }));
  }
  const found: DownloadUrl[] = [];
  for (const command of target.run?.commands ?? []) {
    const words = unwrap(command);
    if (!words[0] || !DOWNLOADERS.test(baseName(words[0].value))) continue;
    for (const word of words.slice(1)) if (URL_START.test(word.value)) found.push({ word, command });
  }
  return found;
}

/** The path and query of a URL, after its host. */
export function urlPath(url: string): string {
  const m = URL_START.exec(url);
  return m ? url.slice(m[0].length) : url;
}

/** A URL's host, lower-case, and its path's segments (the first one empty), without query or fragment. */
function hostAndSegments(url: string): { host: string; segments: string[] } | null {
  const m = URL_START.exec(url);
  return m ? { host: m[1].toLowerCase(), segments: url.slice(m[0].length).split(/[?#]/)[0].split('/') } : null;
}

const GITHUB = /^(www\.)?github\.com$/;
const GITHUB_RAW = /^raw\.(githubusercontent|github)\.com$/;
const GITLAB = /(^|\.)gitlab\./;

/**
 * The ref a code host's URL of a file or an archive names (`raw.githubusercontent.com/o/r/master/f`,
 * `github.com/o/r/raw/main/f`, `github.com/o/r/archive/refs/heads/main.tar.gz`, `gitlab.com/g/p/-/raw/main/f`):
 * a branch, a tag or a commit, which the caller judges. Null for any other URL.
 */
export function refInUrl(url: string): string | null {
  const parts = hostAndSegments(url);
  if (!parts) return null;
  const { host, segments } = parts;
  if (GITHUB_RAW.test(host)) return segments[3] || null;
  if (GITHUB.test(host)) {
    const kind = segments[3];
    if (kind === 'raw' || kind === 'blob') return segments[4] || null;
    // `archive/<ref>.tar.gz`, or `archive/refs/heads/<branch>.tar.gz` and `archive/refs/tags/<tag>.tar.gz`, whose tag
    // may hold a `/` (`releases/CGAL-4.11`).
    if (kind === 'archive') return (segments[4] === 'refs' ? segments.slice(6) : segments.slice(4)).join('/').replace(/\.(tar\.gz|zip)$/, '') || null;
    return null;
  }
  if (GITLAB.test(host)) {
    const dash = segments.indexOf('-');
    if (dash > 0 && ['raw', 'archive', 'blob'].includes(segments[dash + 1])) return segments[dash + 2] || null;
  }
  return null;
}

/** `latest` as a path segment or a part of a file name (`Miniconda3-latest-Linux-x86_64.sh`, `/releases/latest/`). */
export function namesLatest(url: string): boolean {
  return /(^|[/\-_.=])latest([/\-_.?&#]|$)/i.test(urlPath(url));
}

/**
 * Whether a URL is pypa's get-pip.py (`https://bootstrap.pypa.io/get-pip.py`, or `…/pip/3.7/get-pip.py` for an
 * old Python), which installs the newest pip it can on the day it runs unless it is given a version.
 */
export function isGetPip(url: string): boolean {
  const parts = hostAndSegments(url);
  return parts !== null && parts.host === 'bootstrap.pypa.io' && parts.segments[parts.segments.length - 1] === 'get-pip.py';
}

/** Segments that say where a file sits rather than what it is. */
const GENERIC_SEGMENTS = /^(download|downloads|releases|release|files|file|archive|archives|dist|src|source|sources|refs|tags|tag|pub|raw|blob|get|v?\d[\w.-]*)$/i;

export interface UrlVersion {
  version: string;
  /** What the version belongs to: the file name before it, or the project's path segment. */
  name: string;
  /** Every place within the URL where the version is written, as offsets into the URL. */
  at: number[];
}

/** A version such as `2.0` or `1.10.6` written into the file name (or a folder) of a URL: the last one written. */
export function versionInUrl(url: string): UrlVersion | null {
  return versionsInUrl(url)[0] ?? null;
}

/**
 * How many leading path segments name a repository on a code host (the empty one before the first `/`, then the
 * owner and the project, or GitLab's groups up to its `-`): a number there is part of a name
 * (`openfoam-extend-Breeder2.0-libraries-swak4Foam`), not a version to move to an ARG.
 */
function repositorySegments(url: string): number {
  const parts = hostAndSegments(url);
  if (!parts) return 0;
  const { host, segments } = parts;
  if (GITHUB.test(host) || GITHUB_RAW.test(host) || /^(www\.)?(bitbucket\.org|codeberg\.org)$|^(codeload\.github|objects\.githubusercontent)\.com$/.test(host)) return 3;
  if (GITLAB.test(host)) {
    const dash = segments.indexOf('-');
    return dash > 0 ? dash : Math.min(3, segments.length);
  }
  return 0;
}

/**
 * Every version written into a URL's path, from the file name back to the first folder, each once
 * (`rocm-rel-6.3.3/tensorflow_rocm-2.15.1-cp310….whl` writes two): moving one to an ARG must not leave
 * another that lint then finds for the first time.
 */
export function versionsInUrl(url: string): UrlVersion[] {
  const query = url.search(/[?#]/);
  const bare = query >= 0 ? url.slice(0, query) : url;
  const pathStart = url.length - urlPath(url).length;
  const segments = bare.slice(pathStart).split('/');
  const named = repositorySegments(url);
  // After a separator, a `v`, or straight after the name's letters (`tcl8.6.13`).
  const versionPattern = /(?:^|[-_.]|(?<=[-_.]v)|(?<=^v)|(?<=[A-Za-z]))(\d+(?:\.\d+)+)(?=[-_+]|\.(?!\d)|$)/;
  const found: UrlVersion[] = [];
  for (let s = segments.length - 1; s >= named; s--) {
    const m = versionPattern.exec(segments[s]);
    if (!m) continue;
    const before = segments[s].slice(0, m.index);
    // A number that continues a variable (`${MAJOR}.2.3`) is not a version written out.
    if (/(\}|\$\w*)$/.test(before)) continue;
    const version = m[1];
    if (found.some((f) => f.version === version)) continue;
    // `/pip/3.7/get-pip.py` is get-pip for Python 3.7, not pip 3.7: a folder of its own named after a project,
    // with files below it, may be the version of something else, so no name is given (nor an ARG that lies).
    const wholeSegment = segments[s] === version || segments[s] === `v${version}`;
    if (wholeSegment && s < segments.length - 1 && segments[s + 1] && s > 0 && segments[s - 1] && !GENERIC_SEGMENTS.test(segments[s - 1])) continue;
    let name = before.includes('$') ? '' : before.replace(/(^|[-_.])v$/i, '$1').replace(/[-_.]+$/, '');
    for (let k = s - 1; !name && k >= 0; k--) if (segments[k] && !GENERIC_SEGMENTS.test(segments[k]) && !segments[k].includes('$')) name = segments[k];
    if (!name) continue;
    const at: number[] = [];
    const escaped = version.replace(/\./g, '\\.');
    const occurrence = new RegExp(`(?<![\\d.])${escaped}(?![\\d]|\\.\\d)`, 'g');
    for (let o = occurrence.exec(bare); o; o = occurrence.exec(bare)) if (o.index >= pathStart) at.push(o.index);
    found.push({ version, name, at });
  }
  return found;
}
