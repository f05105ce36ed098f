import { hasOption, spanOf } from '../engine/commands';
import type { Rule } from '../engine/rule';
import { variablesInScope } from '../model/scope';
import type { Word } from '../model/types';
import { installsIn, pipRequirements } from './support/packages';

/** One pip or conda install that pins every package it names and nothing they depend on. */
interface Floating {
  manager: 'pip' | 'conda';
  /** The tool and its subcommand (`pip install`), where the finding stands. */
  words: Word[];
}

/**
 * pip packages that require nothing at run time (no Requires-Dist outside
 * extras, in every release of the last years), so that an install of these
 * alone locks itself: `pip install mpi4py==4.0.1`, as the MPI images do. Not
 * wheel, which requires packaging since 0.46, nor any conda package, since
 * conda's builds depend on python and the libraries they link. Checked, with
 * PyPI out of reach, in the metadata Debian 12's packages of all twelve ship
 * (METADATA, PKG-INFO and requires.txt: urllib3 1.26 lists extras only).
 */
const SELF_CONTAINED = new Set(['pip', 'setuptools', 'numpy', 'cython', 'mpi4py', 'six', 'certifi', 'idna', 'urllib3', 'pyyaml', 'typing-extensions', 'typing_extensions', 'tomli']);

/** pip's environment variables for -c and --no-deps (pip reads PIP_<OPTION> for every option). */
const PIP_LOCKING_VARIABLES = ['PIP_CONSTRAINT', 'PIP_NO_DEPS'];

/**
 * The lesson's step from `Dockerfile.3` to `Dockerfile.4`: pinning the key
 * package leaves its dependencies to the resolver (astropy's numpy), so the
 * image still changes from one build to the next. Reported only where no
 * other version rule speaks: every package named has a version, and nothing
 * else decides the rest (a requirements or constraints file, --no-deps, an
 * exported conda list, a wheelhouse without an index).
 */
export const dependenciesNotLocked: Rule<Floating[]> = {
  meta: {
    id: 'dependencies-not-locked',
    title: 'Packages pinned by name, their dependencies left to the resolver',
    severity: 'hint',
    category: 'versions',
    hadolint: [],
    fix: null,
    messages: {
      pip: "This pip install pins the packages it names, not what they depend on, which pip picks anew at each build: write them to requirements.in, and install the full list that 'layerwise lock' (Generate lockfile) makes of it with --no-deps -r, or constrain them with -c.",
      conda: "This conda install pins the packages it names, not what they depend on, which conda solves anew at each build: write them to environment.yml, and install the full list that 'layerwise lock --strategy conda' (Generate lockfile) exports with --no-deps --file.",
    },
  },
  collect(node) {
    const target = node.trigger ?? node;
    // An ENV or ARG that sets PIP_CONSTRAINT or PIP_NO_DEPS is collected too, with no installs, so that writing or
    // removing one runs the check again: that keeps the rule local.
    if (target.keyword === 'ENV' || target.keyword === 'ARG') {
      return target.args.some((a) => PIP_LOCKING_VARIABLES.some((v) => a.value === v || a.value.startsWith(`${v}=`))) ? [] : null;
    }
    const found: Floating[] = [];
    for (const { call, manager, packages } of installsIn(node)) {
      if (manager === 'apt' || call.name === 'pipx' || packages.length === 0) continue;
      if (packages.some((p) => p.operator === null) || (manager === 'pip' && packages.every((p) => SELF_CONTAINED.has(p.name.toLowerCase())))) continue;
      const words = [...call.globalOptions, ...call.args];
      if (manager === 'pip') {
        if (pipRequirements(call).fromFile || hasOption(words, ['--no-deps', '--no-index', '--require-hashes'])) continue;
        if (call.command.assignments.some((a) => PIP_LOCKING_VARIABLES.some((v) => a.value.startsWith(`${v}=`)))) continue;
      } else if (hasOption(words, ['--no-deps', '--file', '--clone'], call.name === 'micromamba' ? ['f'] : [])) continue;
      found.push({ manager, words: [call.tool, call.subcommand!] });
    }
    return found.length > 0 ? found : null;
  },
  local: true,
  check({ model, report, collected }) {
    for (const { node, fact } of collected) {
      const pipLocked = fact.some((f) => f.manager === 'pip') && PIP_LOCKING_VARIABLES.some((v) => variablesInScope(model, node).has(v));
      for (const { manager, words } of fact) {
        if (manager === 'pip' && pipLocked) continue;
        report({ span: spanOf(words), messageId: manager });
      }
    }
  },
};
