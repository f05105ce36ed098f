import { zypperPackageNotPinned } from '../../server/src/rules/zypperPackageNotPinned';
import { testRule } from '../support/ruleTester';

testRule(zypperPackageNotPinned, {
  valid: [
    { name: 'versions pinned exactly or by a bound', code: 'FROM opensuse/leap:15.6\nRUN zypper -n install tomcat=9.0.39 "gcc>=7" \'make<5\' && zypper clean --all\n' },
    { name: 'a local or remote .rpm, a path and a variable name no package to pin', code: 'FROM opensuse/leap:15.6\nARG PKGS\nRUN zypper -n in ./tool-1.0-1.x86_64.rpm https://example.org/x.rpm $PKGS\n' },
    { name: 'a pattern, a patch or a product is not a package', code: 'FROM opensuse/leap:15.6\nRUN zypper -n install -t pattern devel_basis && zypper -n in --type=patch openSUSE-2024-1\n' },
    { name: 'removals and refreshes install nothing', code: 'FROM opensuse/leap:15.6\nRUN zypper -n refresh && zypper -n remove vim\n' },
  ],
  invalid: [
    {
      name: "hadolint's DL3037, one finding per install, naming the unpinned packages",
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install -y --no-recommends gcc tomcat=9.0.39 make && zypper clean --all\n',
      errors: [{ text: 'gcc tomcat=9.0.39 make', hadolint: 'DL3037', severity: 'info', message: "for 'gcc', 'make'" }],
      output: null,
    },
    {
      name: 'the short form, with a repository given; ONBUILD too',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in -r oss git\n',
      errors: [{ text: 'git' }],
      output: null,
    },
  ],
});
