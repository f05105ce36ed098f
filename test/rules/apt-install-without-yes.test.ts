import { aptInstallWithoutYes } from '../../server/src/rules/aptInstallWithoutYes';
import { testRule } from '../support/ruleTester';

testRule(aptInstallWithoutYes, {
  valid: [
    { name: '-y, as the lesson writes it', code: 'FROM ubuntu:18.04\nRUN apt-get update \\\n      && apt-get install -y \\\n           git \\\n      && rm -r /var/lib/apt/lists/*\n' },
    { name: '-y before the subcommand', code: 'FROM debian\nRUN apt-get -y --no-install-recommends install git\n' },
    { name: '--yes', code: 'FROM debian\nRUN apt-get install --yes git\n' },
    { name: '--assume-yes', code: 'FROM debian\nRUN apt-get install --assume-yes git\n' },
    { name: '-qy, a cluster', code: 'FROM debian\nRUN apt-get -qy install git\n' },
    { name: '-qq, quiet level 2, which implies -y', code: 'FROM debian\nRUN apt-get -qq install git\n' },
    { name: 'quiet levels add up: -q -q, --quiet --quiet', code: 'FROM debian\nRUN apt-get -q -q install git && apt-get --quiet install --quiet make\n' },
    { name: '-o APT::Get::Assume-Yes=true', code: 'FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=true install git\n' },
    { name: '-oAPT::Get::Assume-Yes=1, attached', code: 'FROM debian\nRUN apt-get install -oAPT::Get::Assume-Yes=1 git\n' },
    { name: 'yes piped in', code: 'FROM debian\nRUN yes | apt-get install git\n' },
    { name: 'apt-get update and clean, which never ask', code: 'FROM debian\nRUN apt-get update && apt-get clean\n' },
    { name: "the lesson's apt-get purge with no package", code: 'FROM ubuntu:18.04\nRUN apt-get clean all && apt-get purge && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'a simulation', code: 'FROM debian\nRUN apt-get install -s git\n' },
    { name: 'the exec form with -y', code: 'FROM debian\nRUN ["apt-get", "install", "-y", "git"]\n' },
    { name: 'a heredoc with -y', code: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n' },
    { name: 'a silenced instruction', code: 'FROM debian\n# hadolint ignore=DL3014\nRUN apt-get install git\n' },
  ],
  invalid: [
    {
      name: 'apt-get install without -y',
      code: 'FROM debian\nRUN apt-get update && apt-get install git\n',
      errors: [{ text: 'apt-get install', messageId: 'prompts', severity: 'error', hadolint: 'DL3014' }],
      output: 'FROM debian\nRUN apt-get update && apt-get install -y git\n',
    },
    {
      name: 'a continued RUN with comment lines',
      code: 'FROM ubuntu:22.04\nRUN apt-get update \\\n# the compilers\n      && apt-get install \\\n# and git\n           gfortran git\n',
      errors: [{ text: 'apt-get install', line: 4 }],
      output: 'FROM ubuntu:22.04\nRUN apt-get update \\\n# the compilers\n      && apt-get install -y \\\n# and git\n           gfortran git\n',
    },
    {
      name: 'a builder stage: the build stops there too',
      code: 'FROM debian AS build\nRUN apt-get install gcc\nFROM debian\nCOPY --from=build /out /out\n',
      errors: [{ text: 'apt-get install', line: 2 }],
      output: 'FROM debian AS build\nRUN apt-get install -y gcc\nFROM debian\nCOPY --from=build /out /out\n',
    },
    {
      name: 'an ARG-substituted package and base image',
      code: 'ARG OS=ubuntu:22.04\nFROM $OS\nARG PKG=git\nRUN apt-get install ${PKG}\n',
      errors: [{ text: 'apt-get install' }],
      output: 'ARG OS=ubuntu:22.04\nFROM $OS\nARG PKG=git\nRUN apt-get install -y ${PKG}\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install git\nEOF\n',
      errors: [{ text: 'apt-get install', line: 4 }],
      output: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN apt-get install git\n',
      errors: [{ text: 'apt-get install' }],
      output: 'FROM debian\nONBUILD RUN apt-get install -y git\n',
    },
    {
      name: 'the exec form, -y as a new JSON string',
      code: 'FROM debian\nRUN ["apt-get", "install", "git"]\n',
      errors: [{ text: '"apt-get", "install"' }],
      output: 'FROM debian\nRUN ["apt-get", "install", "-y", "git"]\n',
    },
    {
      name: 'apt install, remove with a package, and autoremove',
      code: 'FROM debian\nRUN apt install git && apt-get remove vim && apt-get autoremove\n',
      errors: [{ text: 'apt install' }, { text: 'apt-get remove' }, { text: 'apt-get autoremove' }],
      output: 'FROM debian\nRUN apt install -y git && apt-get remove -y vim && apt-get autoremove -y\n',
    },
    {
      name: 'a single -q, which hadolint counts, still asks',
      code: 'FROM debian\nRUN apt-get -q install git\n',
      errors: [{ text: 'apt-get -q install' }],
      output: 'FROM debian\nRUN apt-get -q install -y git\n',
    },
    {
      name: 'APT::Get::Assume-Yes=false does not count, nor does yes piped into another command',
      code: 'FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=false install git && yes | true; apt-get install vim\n',
      errors: [{ text: 'apt-get -o APT::Get::Assume-Yes=false install' }, { text: 'apt-get install' }],
    },
  ],
});
