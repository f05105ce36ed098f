import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixUntilStable } from '../../server/src/engine/fix';
import { aptListsNotRemoved } from '../../server/src/rules/aptListsNotRemoved';
import { lintWith, testRule } from '../support/ruleTester';

testRule(aptListsNotRemoved, {
  valid: [
    { name: 'apt-get dist-clean, which removes the lists too', code: 'FROM debian:trixie\nRUN apt-get update && apt-get install -y git && apt-get dist-clean\n' },
    { name: 'rm -rf of the lists in the same RUN', code: 'FROM debian\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'rm -r, as the lesson writes it', code: 'FROM ubuntu:18.04\nRUN apt-get update \\\n      && apt-get install -y git \\\n      && apt-get clean all \\\n      && rm -r /var/lib/apt/lists/*\n' },
    { name: 'rm -fr', code: 'FROM debian\nRUN apt-get update && apt-get install -y git && rm -fr /var/lib/apt/lists\n' },
    { name: 'a cache mount on the lists', code: 'FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y git\n' },
    { name: 'a tmpfs mount on the lists: nothing written there reaches the layer', code: 'FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y git\n' },
    { name: 'a builder stage that the final stage only copies from', code: 'FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian\nCOPY --from=build /out /out\n' },
    { name: 'no apt-get update', code: 'FROM debian\nRUN apt-get install -y git\n' },
    { name: 'a heredoc that removes the lists', code: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y git\nrm -rf /var/lib/apt/lists/*\nEOF\n' },
    { name: 'update as a word in another command', code: 'FROM debian\nRUN echo apt-get update\n' },
    { name: 'a comment line inside the continued RUN', code: 'FROM debian\nRUN apt-get update \\\n# install git\n  && apt-get install -y git \\\n  && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'a silenced instruction', code: 'FROM debian\n# layerwise-ignore=apt-lists-not-removed -- lists needed at run time\nRUN apt-get update\n' },
    { name: "hadolint's pragma", code: 'FROM debian\n# hadolint ignore=DL3009\nRUN apt-get update\n' },
  ],
  invalid: [
    {
      name: 'apt-get clean already in the RUN is not appended again',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y git && apt-get clean\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nRUN apt-get update && apt-get install -y git && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'install --download-only keeps the archives on purpose: apt-get clean would delete them',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y --download-only git\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nRUN apt-get update && apt-get install -y --download-only git && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a cleanup script of the project, whose work is unknown: reported without a fix',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y git && /usr/local/bin/apt-cleanup.sh\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'a RUN that ends inside a subshell gets the cleanup after it, where it runs after the install',
      code: 'FROM debian\nRUN apt-get update && (cd /opt && apt-get install -y git)\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nRUN apt-get update && (cd /opt && apt-get install -y git) \\\n    && apt-get clean \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a RUN that ends in a loop gets the cleanup after done, not once per package, one command per line',
      code: 'FROM debian\nRUN apt-get update && \\\n    for p in git curl; do \\\n      apt-get install -y $p; \\\n    done\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nRUN apt-get update && \\\n    for p in git curl; do \\\n      apt-get install -y $p; \\\n    done && \\\n    apt-get clean && \\\n    rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a group closed on the line of the last command keeps the leading && layout',
      code: 'FROM debian\nRUN apt-get update \\\n && { apt-get install -y git; }\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nRUN apt-get update \\\n && { apt-get install -y git; } \\\n && apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the lesson\'s first Dockerfile',
      code: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n      && apt-get install -y \\\n           git \\\n           wget\n',
      errors: [{ text: 'apt-get update', line: 3, messageId: 'notRemoved', hadolint: 'DL3009', severity: 'warning' }],
      output: 'FROM ubuntu:18.04\n\nRUN apt-get update \\\n      && apt-get install -y \\\n           git \\\n           wget \\\n      && apt-get clean \\\n      && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a one-line RUN',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y git\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nRUN apt-get update && apt-get install -y git && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'apt update, && at the end of each line',
      code: 'FROM debian\nRUN apt update && \\\n    apt install -y git\n',
      errors: [{ text: 'apt update' }],
      output: 'FROM debian\nRUN apt update && \\\n    apt install -y git && \\\n    apt-get clean && \\\n    rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a stage the final stage is built FROM, through an ARG-named image',
      code: 'ARG BASE=debian:12\nFROM $BASE AS base\nRUN apt-get update && apt-get install -y git\nFROM base\nCMD ["bash"]\n',
      errors: [{ text: 'apt-get update', line: 3 }],
      output: 'ARG BASE=debian:12\nFROM $BASE AS base\nRUN apt-get update && apt-get install -y git && apt-get clean && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["bash"]\n',
    },
    {
      name: 'removing the lists before the update does not count',
      code: 'FROM debian\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y git\n',
      errors: [{ text: 'apt-get update' }],
    },
    {
      name: 'a heredoc',
      code: 'FROM debian\nRUN <<EOF\nset -e\napt-get update\napt-get install -y git\nEOF\n',
      errors: [{ text: 'apt-get update', line: 4 }],
      output: 'FROM debian\nRUN <<EOF\nset -e\napt-get update\napt-get install -y git\napt-get clean\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN apt-get update && apt-get install -y git\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nONBUILD RUN apt-get update && apt-get install -y git && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the exec form, which has no shell to chain in',
      code: 'FROM debian\nRUN ["apt-get", "update"]\n',
      errors: [{ text: '"apt-get", "update"' }],
      output: null,
    },
    {
      name: 'behind sudo, with CRLF line endings',
      code: 'FROM debian\r\nRUN sudo apt-get update \\\r\n  && sudo apt-get install -y git\r\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\r\nRUN sudo apt-get update \\\r\n  && sudo apt-get install -y git \\\r\n  && apt-get clean \\\r\n  && rm -rf /var/lib/apt/lists/*\r\n',
    },
    {
      name: 'the backquote escape directive',
      code: '# escape=`\nFROM debian\nRUN apt-get update `\n  && apt-get install -y git\n',
      errors: [{ text: 'apt-get update' }],
      output: '# escape=`\nFROM debian\nRUN apt-get update `\n  && apt-get install -y git `\n  && apt-get clean `\n  && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'no fix while a later RUN installs from these lists (consecutive-runs-same-component merges it in first)',
      code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\nRUN apt-get install -y wget\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: "the layout of a RUN whose last line is led by '&&' and ends in '|| exit 1' (the corpus's slurm image)",
      code: 'FROM debian\nRUN apt-get update \\\n && apt-get install -y git \\\n && grep -q bookworm /etc/os-release || exit 1\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nRUN apt-get update \\\n && apt-get install -y git \\\n && grep -q bookworm /etc/os-release || exit 1 \\\n && apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'no fix while a later RUN removes a package by name: apt cannot find one that is not installed without the lists (the corpus\'s rocm-mpich-base)',
      code: 'FROM ubuntu:24.04\nRUN apt -y update && apt -y install wget\nRUN apt -y remove --purge --auto-remove cmake && wget https://example.org/cmake.sh\n',
      errors: [{ text: 'apt -y update' }],
      output: null,
    },
    {
      name: 'an update inside an if may not run: the install after the RUN still reads the earlier lists, so no fix',
      code: 'FROM ubuntu:24.04\nRUN apt -y update && apt -y install wget\nRUN if [ "$V" -eq 5 ]; then apt-get update -qq && apt-get install -y libtinfo5; fi\nRUN apt -y install ./tool.deb\n',
      errors: [{ text: 'apt -y update' }, { text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'an update after a test joined by && may not run either',
      code: 'FROM ubuntu:24.04\nRUN apt -y update && apt -y install wget\nRUN [ -f /etc/extra.list ] && apt-get update\nRUN apt -y install ./tool.deb\n',
      errors: [{ text: 'apt -y update' }, { text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'an install before the later RUN\'s own update reads the earlier lists: no fix',
      code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\nRUN apt-get install -y wget && apt-get update\n',
      errors: [{ text: 'apt-get update', line: 2 }, { text: 'apt-get update', line: 3 }],
      output: null,
    },
    {
      name: 'no fix after an unclosed backquote, where the cleanup would become quoted text (found by the fuzzer)',
      code: 'FROM debian\nRUN apt-get update \\\n`\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'no fix when an escaped space and an escape end the RUN, where appending joined the next line in (found by the fuzzer)',
      code: 'FROM debian\nRUN apt-get update \\ \\\nX\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'no fix when the RUN ends on an escape at the end of the file (found by the fuzzer)',
      code: 'FROM debian\nRUN apt-get update \\ \\\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'inside an if block, the cleanup goes before fi',
      code: 'FROM debian\nRUN if [ -n "$X" ]; then \\\n      apt-get update && apt-get install -y git; \\\n    fi\n',
      errors: [{ text: 'apt-get update' }],
      output: 'FROM debian\nRUN if [ -n "$X" ]; then \\\n      apt-get update && apt-get install -y git \\\n    && apt-get clean \\\n    && rm -rf /var/lib/apt/lists/*; \\\n    fi\n',
    },
    {
      name: 'an update in the then branch and an else branch last: the cleanup goes after fi, where it runs after the install',
      code: 'FROM debian\nRUN if [ "$V" -eq 15 ]; then \\\n        apt-get update && apt-get install -y git; \\\n    else \\\n        echo none; \\\n    fi\n',
      errors: [{ text: 'apt-get update' }],
      output:
        'FROM debian\nRUN if [ "$V" -eq 15 ]; then \\\n        apt-get update && apt-get install -y git; \\\n    else \\\n        echo none; \\\n    fi && \\\n    apt-get clean && \\\n    rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'an update that ends the RUN, so that the lists are what it leaves for the image: reported without a fix, which would only undo it',
      code: 'FROM debian\nRUN apt-get clean \\\n && mkdir -p /var/lib/apt/lists/partial \\\n && apt-get update\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'a lone apt-get update: reported without a fix',
      code: 'FROM debian\nRUN apt-get update\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'no fix after a ${ that a nested brace leaves open (found by the fuzzer)',
      code: 'FROM debian\nRUN apt-get update "${{}"\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'no fix after an assignment that leaves a backquote open (found by the fuzzer)',
      code: 'FROM debian\nRUN apt-get update | s=`\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'no fix after an unclosed double quote',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y "git\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
    {
      name: 'no fix of its own when a later cleanup-only RUN is moved in by cleanup-in-separate-layer',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y git\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ text: 'apt-get update' }],
      output: null,
    },
  ],
});

// Outside the table, which wants no finding left after the fixes: here the RUN that updates the lists again keeps
// its own finding, without a fix, since the RUN after it installs from its lists.
describe('rule apt-lists-not-removed, with a later RUN that updates the lists again', () => {
  it('cleans up the earlier lists, which no RUN reads any more', () => {
    const code = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\nRUN apt -y update\nRUN apt -y install rsync\n';
    const findings = lintWith(aptListsNotRemoved, code).findings;
    assert.deepEqual(
      findings.map((f) => [code.slice(f.span.start, f.span.end), f.fixes.length > 0]),
      [
        ['apt-get update', true],
        ['apt -y update', false],
      ],
    );
    const fixed = fixUntilStable(code, (t) => lintWith(aptListsNotRemoved, t).findings, 'safe').text;
    assert.equal(fixed, 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git && apt-get clean && rm -rf /var/lib/apt/lists/*\nRUN apt -y update\nRUN apt -y install rsync\n');
  });

  it('counts an update that closes its if before the install, and one after the if, as updating the lists', () => {
    const code = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\nRUN if [ -n "$X" ]; then echo x; fi && apt-get update\nRUN apt-get install -y rsync\n';
    const findings = lintWith(aptListsNotRemoved, code).findings;
    assert.deepEqual(
      findings.map((f) => [code.slice(f.span.start, f.span.end), f.fixes.length > 0]),
      [
        ['apt-get update', true],
        ['apt-get update', false],
      ],
    );
  });
});
