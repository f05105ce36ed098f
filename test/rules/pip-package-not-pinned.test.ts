import { pipPackageNotPinned } from '../../server/src/rules/pipPackageNotPinned';
import { testRule } from '../support/ruleTester';

testRule(pipPackageNotPinned, {
  valid: [
    { name: "the lesson's pip Dockerfile.3: pkg==$VER is pinned", code: 'FROM python:3.8-slim\nARG ASTRO_VERSION="3.2.3"\nRUN pip --no-cache-dir install astropy==$ASTRO_VERSION\n' },
    { name: "the lesson's pip Dockerfile.4: a lockfile with --no-deps", code: 'FROM python:3.8-slim\nARG REQ_FILE="requirements4-3sep.txt"\nADD $REQ_FILE /requirements.txt\nRUN pip --no-cache-dir install --no-deps -r /requirements.txt\n' },
    { name: 'a package beside a requirements file, as hadolint leaves it', code: 'FROM python:3.8-slim\nRUN pip install --no-deps -r /requirements.txt gunicorn\n' },
    { name: 'a constraints file pins what the command names', code: 'FROM python:3.8-slim\nRUN pip install -c /constraints.txt numpy scipy\n' },
    { name: 'local paths, wheels and sdists', code: 'FROM python:3.8-slim\nRUN pip install . ./pkg /tmp/x-1.0-py3-none-any.whl dist/y-2.0.tar.gz https://example.org/z-1.0.zip\n' },
    { name: 'a direct reference with a ref', code: 'FROM python:3.8-slim\nRUN pip install "astropy @ git+https://github.com/astropy/astropy.git@v4.0.1"\n' },
    { name: 'a VCS URL with @ref', code: 'FROM python:3.8-slim\nRUN pip install git+https://github.com/astropy/astropy.git@v4.0.1\n' },
    { name: 'any version specifier, as hadolint counts it', code: 'FROM python:3.8-slim\nRUN pip install "numpy>=1.19,<2" scipy~=1.5 pandas===1.1.0 "tool[extra]==2.0"\n' },
    { name: 'upgrading pip itself is left to generic-upgrade', code: 'FROM python:3.8-slim\nRUN pip install --upgrade pip && pip install -U pip\n' },
    { name: 'an editable local install', code: 'FROM python:3.8-slim\nRUN pip install -e .\n' },
    { name: 'packages from a variable cannot be judged', code: 'FROM python:3.8-slim\nARG PACKAGES\nRUN pip install $PACKAGES\n' },
    { name: 'pip download and pip wheel do not install', code: 'FROM python:3.8-slim\nRUN pip download numpy && pip wheel scipy\n' },
    { name: "hadolint's pragma", code: 'FROM python:3.8-slim\n# hadolint ignore=DL3013\nRUN pip install astropy\n' },
    { name: "an option's value is no package: pip takes `--root-user-action ignore` as one option", code: 'FROM python:3.12-slim\nRUN pip install --root-user-action ignore --keyring-provider disabled numpy==2.1.0\n' },
    { name: 'pipx install of a pinned application', code: 'FROM python:3.12-slim\nRUN pipx install --python python3.12 black==24.8.0\n' },
    { name: 'pipx install of a quoted pin', code: "FROM python:3.12-slim\nRUN pipx install 'black[d]==24.8.0'\n" },
    { name: "pipx's older --spec holds the requirement; the operand only names the app", code: 'FROM python:3.12-slim\nRUN pipx install --spec ansible-core==2.17.0 ansible\n' },
    { name: 'pipx inject: the first operand names the environment, not a package', code: 'FROM python:3.12-slim\nRUN pipx inject ipython matplotlib==3.9.2 "pandas==2.2.3"\n' },
    { name: "a constraints file passed to pip through pipx's --pip-args pins what pipx installs", code: "FROM python:3.12-slim\nRUN pipx install --pip-args='-c /tmp/constraints.txt' black && pipx inject black --pip-args=--constraint=/tmp/constraints.txt tomli\n" },
    { name: "pipx install --lock installs what the lock file says", code: 'FROM python:3.12-slim\nRUN pipx install --lock pylock.toml black\n' },
    { name: 'pipx run and pipx upgrade are not installs this rule reads', code: 'FROM python:3.12-slim\nRUN pipx run --spec black black --version && pipx upgrade black\n' },
  ],
  invalid: [
    {
      name: 'a package named twice in one install is counted once',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy scipy numpy\n',
      errors: [{ text: 'numpy scipy numpy', messageId: 'unpinnedMany', message: "2 packages have no version: 'numpy', 'scipy'." }],
    },
    {
      name: 'one package named twice is one package',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy numpy\n',
      errors: [{ text: 'numpy numpy', messageId: 'unpinned' }],
    },
    {
      name: 'pipx install without a version, as hadolint reads pipx as a pip',
      code: 'FROM python:3.12-slim\nRUN pip install pipx==1.7.1 && pipx install --pip-args=--no-cache-dir black\n',
      errors: [{ text: 'black', messageId: 'unpinned', hadolint: 'DL3013' }],
      output: null,
    },
    {
      name: 'pipx inject without versions, which hadolint does not read: one finding for the command',
      code: 'FROM python:3.12-slim\nRUN pipx install black==24.8.0 && pipx inject black tomli "click"\n',
      errors: [{ text: 'tomli "click"', messageId: 'unpinnedMany', message: "2 packages have no version: 'tomli', 'click'.", hadolint: null }],
      output: null,
    },
    {
      name: "pipx's --preinstall packages and --spec requirement are installed too",
      code: 'FROM python:3.12-slim\nRUN pipx install --preinstall mitogen ansible-core==2.17.0 && pipx install --spec httpie http\n',
      errors: [{ text: 'mitogen', messageId: 'unpinned' }, { text: 'httpie', messageId: 'unpinned' }],
    },
    {
      name: "pipx's --preinstall=… and --spec=… written joined: the value after the = is the requirement",
      code: 'FROM python:3.12-slim\nRUN pipx install --preinstall=mitogen ansible-core==2.17.0 && pipx install --spec=httpie http && pipx install --spec=black==24.8.0 black\n',
      errors: [{ text: 'mitogen', messageId: 'unpinned' }, { text: 'httpie', messageId: 'unpinned' }],
    },
    {
      name: "pipx's --pip-args without a constraints file pins nothing",
      code: "FROM python:3.12-slim\nRUN pipx install --pip-args='--no-cache-dir --pre' poetry\n",
      errors: [{ text: 'poetry' }],
    },
    {
      name: 'several packages in one install command: one finding that names them all',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy scipy==1.14.1 pandas astropy xarray dask\n',
      errors: [{ text: 'numpy scipy==1.14.1 pandas astropy xarray dask', messageId: 'unpinnedMany', message: "5 packages have no version: 'numpy', 'pandas', 'astropy', 'xarray' and 1 more.", hadolint: 'DL3013' }],
      output: null,
    },
    {
      name: 'two install commands in one RUN: a finding each',
      code: 'FROM python:3.12-slim\nRUN pip install numpy scipy && pip install pandas\n',
      errors: [{ text: 'numpy scipy', messageId: 'unpinnedMany' }, { text: 'pandas', messageId: 'unpinned' }],
    },
    {
      name: 'an unquoted > and a VCS URL without a ref each need their own edit, so each has its own finding beside the names',
      code: 'FROM python:3.12-slim\nRUN pip install numpy scikit-build>=0.11 git+https://github.com/a/b.git pandas\n',
      errors: [
        { text: 'numpy scikit-build>=0.11 git+https://github.com/a/b.git pandas', messageId: 'unpinnedMany', message: "'numpy', 'pandas'" },
        { text: 'scikit-build>=0.11', messageId: 'redirect' },
        { text: 'git+https://github.com/a/b.git', messageId: 'vcs' },
      ],
    },
    {
      name: 'a continued RUN with one package a line: one finding over the lines',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir \\\n      numpy \\\n      scipy\n',
      errors: [{ text: 'numpy \\\n      scipy', line: 3, messageId: 'unpinnedMany' }],
    },
    {
      name: 'ONBUILD with several packages',
      code: 'FROM python:3.12-slim\nONBUILD RUN pip install numpy scipy\n',
      errors: [{ text: 'numpy scipy', messageId: 'unpinnedMany' }],
    },
    {
      name: "the lesson's first pip Dockerfile",
      code: 'FROM python:3.8-slim\n\nRUN pip install astropy\n\nCMD [ "/bin/bash" ]\n',
      errors: [{ text: 'astropy', line: 3, messageId: 'unpinned', hadolint: 'DL3013', severity: 'warning' }],
      output: null,
    },
    {
      name: 'a builder stage and a later stage',
      code: 'FROM python:3.8 AS build\nRUN pip install gunicorn\nFROM python:3.8-slim\nRUN pip3 install numpy==1.19.1 scipy\n',
      errors: [{ text: 'gunicorn' }, { text: 'scipy' }],
    },
    {
      name: 'an unquoted > is a redirection, so the package is not pinned',
      code: 'FROM python:3.8-slim\nRUN pip install scikit-build>=0.11.0\n',
      errors: [{ text: 'scikit-build>=0.11.0', messageId: 'redirect', message: '"scikit-build>=0.11.0"' }],
    },
    {
      name: 'a VCS URL without a ref',
      code: 'FROM python:3.8-slim\nRUN pip install git+https://github.com/astropy/astropy.git#egg=astropy\n',
      errors: [{ text: 'git+https://github.com/astropy/astropy.git#egg=astropy', messageId: 'vcs' }],
    },
    {
      name: 'a direct reference without a ref',
      code: 'FROM python:3.8-slim\nRUN pip install "astropy @ git+https://github.com/astropy/astropy.git"\n',
      errors: [{ text: '"astropy @ git+https://github.com/astropy/astropy.git"', messageId: 'vcs' }],
    },
    {
      name: 'packages beside pip in an upgrade',
      code: 'FROM python:3.8-slim\nRUN python -m pip install --upgrade pip setuptools\n',
      errors: [{ text: 'setuptools' }],
    },
    {
      name: 'a continued RUN with a comment line and an ARG-substituted version beside it',
      code: 'FROM python:3.8-slim\nARG V=1.0\nRUN pip install \\\n    # the tools\n    tool==$V \\\n    numpy\n',
      errors: [{ text: 'numpy', line: 6 }],
    },
    {
      name: 'a heredoc',
      code: 'FROM python:3.8-slim\nRUN <<EOF\npip install numpy\nEOF\n',
      errors: [{ text: 'numpy' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM python:3.8-slim\nONBUILD RUN pip install numpy\n',
      errors: [{ text: 'numpy' }],
    },
    {
      name: 'the exec form',
      code: 'FROM python:3.8-slim\nRUN ["pip", "install", "numpy"]\n',
      errors: [{ text: '"numpy"' }],
    },
  ],
});
