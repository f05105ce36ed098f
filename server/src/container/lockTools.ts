// The commands `layerwise lock` runs inside the image, as argument arrays: the
// user's folder is mounted read-only at /layerwise, and every value (a file
// name, a dependency, an index URL) is one argument, never shell text. Where a
// strategy needs two steps (a trial install, then `pip freeze`, and `pip download` to hash), a fixed Python
// script run by the image's own Python does them: no shell is needed, so images
// without one work too.
import type { LockStrategy } from './lockfile';

/** Where the Dockerfile's folder is mounted in the lock's container. */
export const MOUNT = '/layerwise';

export interface LockInput {
  kind: 'requirements' | 'pyproject' | 'environment';
  /** The file's name in the Dockerfile's folder. */
  file: string;
  /** For pyproject.toml: its [project] dependencies. */
  dependencies?: string[];
}

/** What the probe learns about the image's Python and tools. */
export interface ImageTools {
  python: string;
  executable: string;
  pip: string | null;
  pipCompile: string | null;
  uv: string | null;
  conda: string | null;
  machine: string;
}

export interface ContainerCommand {
  entrypoint: string;
  args: string[];
}

const DRIVER = String.raw`
import json, os, platform, shutil, subprocess, sys, tempfile
def version(cmd):
    try:
        return subprocess.check_output(cmd, stderr=subprocess.STDOUT, timeout=60).decode("utf-8", "replace").strip().splitlines()[0]
    except Exception:
        return None
mode = sys.argv[1]
if mode == "probe":
    try:
        import pip
        pip_version = pip.__version__
    except Exception:
        pip_version = None
    conda = shutil.which("conda") or os.environ.get("CONDA_EXE")
    print(json.dumps({
        "python": platform.python_version(), "executable": sys.executable, "pip": pip_version, "machine": platform.machine(),
        "pipCompile": shutil.which("pip-compile") and version(["pip-compile", "--version"]),
        "uv": shutil.which("uv") and version(["uv", "--version"]),
        "conda": conda and version([conda, "--version"]),
    }))
elif mode == "freeze":
    hashes = sys.argv[2] == "hashes"
    count = int(sys.argv[3])
    index = sys.argv[4:4 + count]
    # The lesson's trial install, into a folder of its own so that what the image already has is not counted.
    target = tempfile.mkdtemp()
    code = subprocess.call([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--ignore-installed", "--no-warn-script-location", "--target", target] + sys.argv[4:], stdout=sys.stderr)
    if code:
        sys.exit(code)
    frozen = subprocess.check_output([sys.executable, "-m", "pip", "freeze", "--disable-pip-version-check", "--all", "--path", target]).decode("utf-8")
    sys.stdout.write(frozen)
    if hashes:
        # pip freeze knows versions only: fetch the same archives again and hash them.
        import hashlib
        work = tempfile.mkdtemp()
        pins = os.path.join(work, "pins.txt")
        with open(pins, "w") as f:
            f.write(frozen)
        archives = os.path.join(work, "archives")
        code = subprocess.call([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps", "--dest", archives] + index + ["-r", pins], stdout=sys.stderr)
        if code:
            sys.exit(code)
        for name in sorted(os.listdir(archives)):
            with open(os.path.join(archives, name), "rb") as f:
                sys.stdout.write("# sha256 %s %s\n" % (name, hashlib.sha256(f.read()).hexdigest()))
elif mode == "conda":
    conda = shutil.which("conda") or os.environ.get("CONDA_EXE")
    if not conda:
        sys.stderr.write("ERROR: conda is not installed in this image\n")
        sys.exit(3)
    if sys.argv[2] == "environment":
        install = [conda, "env", "update", "--file", sys.argv[3]]
    else:
        install = [conda, "install", "--no-update-deps", "-y", "--file", sys.argv[3]]
    code = subprocess.call(install, stdout=sys.stderr)
    if code:
        sys.exit(code)
    sys.stdout.write(subprocess.check_output([conda, "env", "export"]).decode("utf-8"))
`;

/** Exit code of the driver when conda is missing. */
export const NO_CONDA = 3;

export function probeCommand(python: string): ContainerCommand {
  return { entrypoint: python, args: ['-c', DRIVER, 'probe'] };
}

function indexArgs(indexUrl: string | null): string[] {
  return indexUrl ? ['--index-url', indexUrl] : [];
}

/** pip's arguments for the input: `-r FILE`, or pyproject's dependencies after `--`. */
function pipInputArgs(input: LockInput): string[] {
  if (input.kind === 'pyproject') return ['--', ...(input.dependencies ?? [])];
  return ['-r', `${MOUNT}/${input.file}`];
}

export interface StrategyOptions {
  python: string;
  /** The image's Python as the probe found it, for uv's --python. */
  executable: string;
  input: LockInput;
  indexUrl: string | null;
  hashes: boolean;
}

/** The command that resolves `input` with `strategy`; its standard output is what lockfile.ts reads. */
export function strategyCommand(strategy: LockStrategy, o: StrategyOptions): ContainerCommand {
  const file = `${MOUNT}/${o.input.file}`;
  switch (strategy) {
    case 'report':
      return {
        entrypoint: o.python,
        args: ['-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--quiet', '--disable-pip-version-check', '--report', '-', ...indexArgs(o.indexUrl), ...pipInputArgs(o.input)],
      };
    case 'freeze':
      return { entrypoint: o.python, args: ['-c', DRIVER, 'freeze', o.hashes ? 'hashes' : 'pins', String(indexArgs(o.indexUrl).length), ...indexArgs(o.indexUrl), ...pipInputArgs(o.input)] };
    case 'pip-compile':
      // --output-file=- prints the result; --allow-unsafe keeps pip and setuptools pinned as the other strategies do.
      return {
        entrypoint: 'pip-compile',
        args: ['--no-header', '--allow-unsafe', '--output-file=-', ...(o.hashes ? ['--generate-hashes'] : []), ...indexArgs(o.indexUrl), file],
      };
    case 'uv':
      return {
        entrypoint: 'uv',
        args: ['pip', 'compile', '--no-header', '--python', o.executable, ...(o.hashes ? ['--generate-hashes'] : []), ...indexArgs(o.indexUrl), file],
      };
    case 'conda':
      return { entrypoint: o.python, args: ['-c', DRIVER, 'conda', o.input.kind === 'environment' ? 'environment' : 'requirements', file] };
  }
}

/** The strategy to use when none is chosen: conda for an environment.yml or a conda-only image, else pip's report where pip is new enough. */
export function defaultStrategy(input: LockInput, tools: ImageTools): LockStrategy {
  if (input.kind === 'environment') return 'conda';
  if (!tools.pip && tools.conda) return 'conda';
  return tools.pip && pipAtLeast(tools.pip, 22, 2) ? 'report' : 'freeze';
}

export function pipAtLeast(version: string, major: number, minor: number): boolean {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return false;
  const a = Number(m[1]);
  const b = Number(m[2] ?? 0);
  return a > major || (a === major && b >= minor);
}

/** The tool versions a header names for a strategy. */
export function toolVersions(strategy: LockStrategy, tools: ImageTools): string[] {
  const python = `Python ${tools.python}`;
  switch (strategy) {
    case 'report':
    case 'freeze':
      return [`pip ${tools.pip}`, python];
    case 'pip-compile':
      return [tools.pipCompile ?? 'pip-compile', `pip ${tools.pip}`, python];
    case 'uv':
      return [tools.uv ?? 'uv', python];
    case 'conda':
      return [tools.conda ?? 'conda', python];
  }
}
