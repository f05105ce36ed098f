import { zypperCacheNotCleaned } from '../../server/src/rules/zypperCacheNotCleaned';
import { testRule } from '../support/ruleTester';

testRule(zypperCacheNotCleaned, {
  valid: [
    { name: 'zypper clean --all in the same RUN', code: 'FROM opensuse/leap:15.6\nRUN zypper -n install gcc && zypper clean --all\n' },
    { name: 'its short forms: cc -a', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in gcc && zypper -n cc -a\n' },
    { name: 'removing /var/cache/zypp', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in gcc && rm -rf /var/cache/zypp/*\n' },
    { name: "a cleanup script of the project's own that names zypper", code: 'FROM opensuse/leap:15.6\nRUN zypper -n in gcc && /usr/local/bin/zypper-cleanup.sh\n' },
    { name: 'a cache mount, or a tmpfs one', code: 'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in gcc\nRUN --mount=type=tmpfs,target=/var/cache/zypp zypper -n in make\n' },
    { name: 'install --download-only fills the cache on purpose', code: 'FROM opensuse/leap:15.6\nRUN zypper -n install --download-only gcc && zypper -n in -d make && zypper -n in --download only git\n' },
    { name: 'a builder stage only copied from', code: 'FROM opensuse/leap:15.6 AS build\nRUN zypper -n in gcc && gcc -o /hello hello.c\nFROM opensuse/leap:15.6\nCOPY --from=build /hello /hello\n' },
    { name: 'removals and searches fill nothing', code: 'FROM opensuse/leap:15.6\nRUN zypper -n rm vim && zypper se gcc\n' },
  ],
  invalid: [
    {
      name: "zypper install alone: hadolint's DL3036, fixed by appending zypper clean --all",
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install gcc\n',
      errors: [{ text: 'zypper --non-interactive install', hadolint: 'DL3036', severity: 'warning', messageId: 'notCleaned', message: "run 'zypper clean --all'" }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install gcc && zypper clean --all\n',
    },
    {
      name: 'a plain zypper clean removes only downloaded packages, although hadolint counts it: the fix adds --all to it',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n in gcc && zypper clean\n',
      errors: [{ text: 'zypper -n in', messageId: 'partial', message: "'zypper clean' without --all" }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n in gcc && zypper clean --all\n',
    },
    {
      name: 'the same with cc after an update',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n up && zypper -n cc\n',
      errors: [{ text: 'zypper -n up', messageId: 'partial', message: "'zypper cc' without --all" }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n up && zypper -n cc --all\n',
    },
    {
      name: 'dist-upgrades and source installs fill it too; a clean before them does not count; ONBUILD as well',
      code: 'FROM opensuse/tumbleweed\nONBUILD RUN zypper -n si -d dbus-1\nRUN zypper clean --all && zypper -n dup\n',
      errors: [{ text: 'zypper -n si' }, { text: 'zypper -n dup' }],
      fixes: 'unsafe',
      output: 'FROM opensuse/tumbleweed\nONBUILD RUN zypper -n si -d dbus-1 && zypper clean --all\nRUN zypper clean --all && zypper -n dup && zypper clean --all\n',
    },
    {
      name: 'where a later RUN runs zypper again the fix is not safe: it needs the metadata back, which only its repositories\' autorefresh brings',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n in gcc\nRUN zypper -n in make && zypper clean --all\n',
      errors: [{ text: 'zypper -n in', line: 2 }],
      output: null,
    },
    {
      name: 'the same, applied as an unsafe fix',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n in gcc\nRUN zypper -n in make && zypper clean --all\n',
      errors: [{ text: 'zypper -n in', line: 2 }],
      fixes: 'unsafe',
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n in gcc && zypper clean --all\nRUN zypper -n in make && zypper clean --all\n',
    },
  ],
});
