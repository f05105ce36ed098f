import { zypperInstallWithoutYes } from '../../server/src/rules/zypperInstallWithoutYes';
import { testRule } from '../support/ruleTester';

testRule(zypperInstallWithoutYes, {
  valid: [
    {
      name: 'the global -n or --non-interactive, or -y / --no-confirm after the subcommand',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install gcc && zypper --non-interactive in make && zypper install -y git && zypper rm --no-confirm vim && zypper -n clean --all\n',
    },
    { name: 'commands that change nothing do not ask', code: 'FROM opensuse/leap:15.6\nRUN zypper refresh && zypper search gcc && zypper info gcc && zypper lr\n' },
    { name: 'yes piped in answers it', code: 'FROM opensuse/leap:15.6\nRUN yes | zypper install gcc\n' },
  ],
  invalid: [
    {
      name: "zypper install without a switch: hadolint's DL3034, fixed by the global --non-interactive",
      code: 'FROM opensuse/leap:15.6\nRUN zypper install gcc && zypper clean --all\n',
      errors: [{ text: 'zypper install', hadolint: 'DL3034', severity: 'error', message: "'zypper install' asks 'Continue? [y/n/...]'" }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install gcc && zypper clean --all\n',
    },
    {
      name: "-n after the subcommand is install's --name, not the global switch, although hadolint takes it for one",
      code: 'FROM opensuse/leap:15.6\nRUN zypper install -n gcc\n',
      errors: [{ text: 'zypper install' }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install -n gcc\n',
    },
    {
      name: 'short forms, removals, patches, updates and source installs ask too; in exec form and ONBUILD as well',
      code: 'FROM opensuse/tumbleweed\nRUN zypper --gpg-auto-import-keys ref && zypper in gcc && zypper rm vim && zypper patch && zypper dup && zypper si gcc && zypper inr && zypper ve\nRUN ["zypper", "up"]\nONBUILD RUN zypper install make\n',
      errors: [{ text: 'zypper in' }, { text: 'zypper rm' }, { text: 'zypper patch' }, { text: 'zypper dup' }, { text: 'zypper si' }, { text: 'zypper inr' }, { text: 'zypper ve' }, { text: '"zypper", "up"' }, { text: 'zypper install' }],
      output:
        'FROM opensuse/tumbleweed\nRUN zypper --gpg-auto-import-keys ref && zypper --non-interactive in gcc && zypper --non-interactive rm vim && zypper --non-interactive patch && zypper --non-interactive dup && zypper --non-interactive si gcc && zypper --non-interactive inr && zypper --non-interactive ve\nRUN ["zypper", "--non-interactive", "up"]\nONBUILD RUN zypper --non-interactive install make\n',
    },
  ],
});
