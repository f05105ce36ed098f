import { buildHostKernel } from '../../server/src/rules/buildHostKernel';
import { testRule } from '../support/ruleTester';

testRule(buildHostKernel, {
  valid: [
    { name: 'a RUN that only prints the kernel release, as a log line', code: 'FROM ubuntu:24.04\nRUN uname -r\n' },
    { name: 'an echo or printf of it to the build log', code: 'FROM ubuntu:24.04\nRUN echo "built on $(uname -r)" && printf \'%s\\n\' "$(uname -r)" >&2\n' },
    { name: 'headers of a release the Dockerfile names', code: 'FROM ubuntu:24.04\nARG KERNEL=6.8.0-45-generic\nRUN apt-get update && apt-get install -y linux-headers-${KERNEL}\n' },
    { name: 'the machine name (uname -m) follows the platform the image is built for', code: 'FROM ubuntu:24.04\nRUN wget -q https://example.org/tool-$(uname -m).tgz\n' },
    { name: 'exec form runs no shell', code: 'FROM ubuntu:24.04\nRUN ["echo", "$(uname -r)"]\n' },
  ],
  invalid: [
    {
      name: 'an echo into a file of the image keeps the build host\'s release',
      code: 'FROM ubuntu:24.04\nRUN echo "$(uname -r)" > /etc/kernel-release\n',
      errors: [{ text: '"$(uname -r)"' }],
      output: null,
    },
    {
      name: "the headers of the build host's kernel (the corpus's Lustre images)",
      code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y \\\n    libyaml-dev linux-headers-$(uname -r) \\\n && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ text: 'linux-headers-$(uname -r)', line: 3, messageId: 'hostKernel', severity: 'warning', message: "'linux-headers-$(uname -r)' reads the kernel of the machine that runs the build" }],
      output: null,
    },
    {
      name: 'backquotes, --kernel-release, an assignment and a path',
      code: 'FROM ubuntu:22.04\nRUN KVER=`uname --kernel-release` make -C "/lib/modules/`uname -r`/build" M=$PWD\n',
      errors: [{ text: 'KVER=`uname --kernel-release`' }, { text: '"/lib/modules/`uname -r`/build"' }],
      output: null,
    },
    {
      name: 'an ONBUILD RUN, read as the RUN it becomes',
      code: 'FROM ubuntu:22.04\nONBUILD RUN apt-get install -y linux-headers-$(uname -r)\n',
      errors: [{ text: 'linux-headers-$(uname -r)' }],
      output: null,
    },
  ],
});
