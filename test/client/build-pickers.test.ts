// What the Build image pickers offer, from the Dockerfile's text, and the
// report's chart: plain functions, no VS Code needed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArgsOf, changedArgs, stagesOf } from '../../client/src/docker/dockerfileFacts';
import { sizeChart } from '../../client/src/docker/chart';
import type { MeasureReport } from '../../server/src/container/measure';

const TEXT = 'ARG OS_VERSION="18.04"\nFROM ubuntu:$OS_VERSION AS build\nARG JOBS=4\nARG TOKEN\nRUN make -j$JOBS\nFROM ubuntu:$OS_VERSION\nCOPY --from=build /out /out\n';

describe('the Build image pickers', () => {
  it('offers the stages by name or number', () => {
    assert.deepEqual(stagesOf(TEXT), ['build', '1']);
  });

  it('pre-fills build args from their defaults, and passes only those the user changed', () => {
    const facts = buildArgsOf(TEXT);
    assert.deepEqual(facts, [
      { name: 'OS_VERSION', defaultValue: '18.04' },
      { name: 'JOBS', defaultValue: '4' },
      { name: 'TOKEN', defaultValue: null },
    ]);
    assert.deepEqual(changedArgs(facts, { OS_VERSION: '18.04', JOBS: '8', TOKEN: '' }), { JOBS: '8' });
  });
});

describe('the report chart', () => {
  const report = {
    image: 'x:1',
    size: 600,
    baseImage: 'debian:bookworm-slim',
    baseSize: 100,
    instructions: [
      { line: 3, endLine: 8, instruction: 'RUN', text: 'RUN apt-get update <&>', size: 500, waste: 20, wastePaths: [] },
      { line: 10, endLine: 11, instruction: 'RUN', text: 'RUN rm', size: 0, waste: 0, wastePaths: [] },
    ],
  } as unknown as MeasureReport;

  it('draws a bar per instruction, the waste in its own colour, and earlier builds beside it', () => {
    const svg = sizeChart(report, [{ label: 'x:1 earlier', size: 630 }]);
    assert.equal((svg.match(/class="line"/g) ?? []).length, 2);
    assert.equal((svg.match(/class="waste"/g) ?? []).length, 1);
    assert.equal((svg.match(/class="earlier"/g) ?? []).length, 1);
    assert.match(svg, /RUN apt-get update &#60;&#38;&#62;/, 'text is escaped');
    assert.doesNotMatch(svg, /<&>/);
  });
});
