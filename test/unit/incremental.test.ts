// The incremental model: after any sequence of edits, the model built from the
// previous version must equal a fresh build of the new text, since every rule
// and every diagnostic in the editor reads it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { buildModel } from '../../server/src/model/build';
import type { Rule } from '../../server/src/engine/rule';
import { takeInstructionsEdit, updateModel } from '../../server/src/model/incremental';
import { rules } from '../../server/src/rules';
import type { DockerfileModel } from '../../server/src/model/types';
import { seededRandom } from '../support/seededRandom';

const fixtures = path.resolve(__dirname, '../fixtures/seed-workshop/exercises');

const TRICKY = [
  'ARG BASE=python:3.11-slim',
  'FROM $BASE AS build',
  'ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \\',
  '    LANG=C.UTF-8',
  'RUN apt-get update && \\',
  '# a comment inside the RUN',
  '    apt-get install -y curl',
  'RUN <<EOF',
  'pip install numpy',
  'EOF',
  'ONBUILD RUN pip install scipy',
  'COPY --from=build /opt /opt',
  'RUN ["pip", "install", "x"]',
  '',
  'FROM build',
  'RUN rm -rf /var/lib/apt/lists/*',
  'CMD ["python"]',
  '',
].join('\n');

/** Something for every rule to find, and to stop finding as edits go by: the findings must follow the edits. */
const RICH = [
  'ARG PYTHON_VERSION=3.11',
  'FROM ubuntu:22.04 AS build',
  'MAINTAINER someone@example.org',
  'RUN apt-get update && apt-get install curl git | tee /tmp/log',
  'RUN apt-get upgrade -y && pip install numpy==1.26.4 scipy',
  'RUN pip install --no-cache-dir astropy==6.1.0 && conda install -y numpy=1.26.4',
  'RUN git clone https://github.com/org/tool.git && cd tool && make && make install',
  'RUN wget https://example.org/tool-2.0.tar.gz && tar xf tool-2.0.tar.gz',
  'RUN rm -rf /var/lib/apt/lists/*',
  'USER app',
  'RUN sudo apt-get install -y make',
  'ADD app.tar.gz /opt/',
  'FROM continuumio/miniconda3:24.1.2-0',
  'COPY --from=build /opt /opt',
  'RUN conda install -c conda-forge numpy && conda activate base',
  'RUN apk add curl && yum install -y git',
  'ENV DEBIAN_FRONTEND=noninteractive',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'CMD ["python"]',
  'CMD ["bash"]',
  '',
].join('\n');

/** Text that breaks and rejoins instructions: continuations, heredocs, comments, new keywords. */
const SNIPPETS = ['\\\n', '\n', '\r\n', 'RUN ', 'RUN pip install y\n', '<<EOF\n', 'EOF\n', '# ', ' ', 'x', '`', '&&', '"', 'FROM a AS b\n', 'COPY --from=b / /\n', 'ONBUILD ', 'ARG V=1\n', 'ENV A=b\n', 'RUN apt-get install -y curl\n', 'ENV DEBIAN_FRONTEND=noninteractive\n', 'USER app\n', 'RUN conda activate x\n', 'RUN rm -rf /var/lib/apt/lists/*\n', 'LABEL maintainer=a@b.org\n', 'SHELL ["/bin/bash", "-c"]\n', 'RUN a | b\n', '==2.0 ', 'ENV PIP_CONSTRAINT=/c.txt\n'];

/** The model as data: no dockerfile-ast objects, and no link back from a trigger to its ONBUILD. */
function shape(model: DockerfileModel): unknown {
  return JSON.parse(JSON.stringify(model, (key, value) => (key === 'ast' || key === 'onbuild' ? undefined : value)));
}

function findings(model: DockerfileModel) {
  return lint(model).findings.map((f) => ({ rule: f.rule, span: f.span, message: f.message, fixes: f.fixes }));
}

function checkEdits(text: string, seed: number, edits: number): void {
  const next = seededRandom(seed);
  let model = buildModel(text);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const remove = next() < 0.4 ? Math.floor(next() * 12) : 0;
    const insert = next() < 0.7 ? SNIPPETS[Math.floor(next() * SNIPPETS.length)] : '';
    const oldEnd = Math.min(text.length, at + remove);
    const edited = text.slice(0, at) + insert + text.slice(oldEnd);
    if (edited === text) continue;
    text = edited;
    // Every other edit says where it fell, as the server learns from the editor.
    model = updateModel(model, text, i % 2 ? { start: at, oldEnd } : undefined);
    const fresh = buildModel(text);
    assert.deepEqual(shape(model), shape(fresh), `edit ${i} (seed ${seed}) at ${at}: the incremental model differs from a fresh build of:\n${text}`);
    assert.deepEqual(findings(model), findings(fresh), `edit ${i} (seed ${seed}): findings differ`);
    // The dockerfile-ast nodes stand where they do in the whole text.
    for (let k = 0; k < model.instructions.length; k += 3) {
      assert.deepEqual(model.instructions[k].ast.getRange(), fresh.instructions[k].ast.getRange(), `edit ${i}: ast range of instruction ${k}`);
      assert.equal(model.instructions[k].ast.getKeyword(), fresh.instructions[k].ast.getKeyword());
    }
  }
}

describe('incremental model', () => {
  it('equals a fresh build after random edits that split and join instructions', () => {
    for (let seed = 1; seed <= 12; seed++) checkEdits(TRICKY, seed, 60);
  });

  it('lints as a fresh build does after random edits to a file with something for every rule', () => {
    for (let seed = 200; seed <= 240; seed++) checkEdits(RICH, seed, 40);
  });

  it('equals a fresh build after random edits to the lesson Dockerfiles', () => {
    const files = fs.readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).filter((f) => /Dockerfile/.test(path.basename(f)));
    assert.ok(files.length > 5);
    files.forEach((file, i) => checkEdits(fs.readFileSync(path.join(fixtures, file), 'utf8'), 100 + i, 40));
  });

  it('keeps the escape directive of the file when an edit comes after it', () => {
    const text = '# escape=`\nFROM windows AS a\nRUN echo a `\n  b\nRUN echo c\n';
    checkEdits(text, 7, 80);
    const model = updateModel(buildModel(text), text.replace('echo c', 'echo c `\n  d'));
    assert.equal(model.escape, '`');
    assert.deepEqual(model.instructions[2].run?.commands[0].words.map((w) => w.value), ['echo', 'c', 'd']);
  });

  it('keeps the nodes before an edit and moves the ones after it', () => {
    const text = 'FROM python:3.11\nRUN pip install a\nRUN pip install b\n';
    const before = buildModel(text);
    const [first, , last] = before.instructions;
    const after = updateModel(before, text.replace('install a', 'install a \\\n && pip install c'));
    assert.equal(after.instructions.length, 3);
    assert.equal(after.instructions[0], first, 'the instruction before the edit is the same node');
    assert.equal(after.instructions[2], last, 'the instruction after the edit is the same node, moved');
    assert.equal(after.text.slice(last.start, last.end), 'RUN pip install b');
    assert.equal(last.line, 3);
    assert.deepEqual(after.instructions[1].run?.commands.map((c) => c.words.map((w) => w.value).join(' ')), ['pip install a', 'pip install c']);
  });

  it('keeps the findings of local rules that a keystroke did not reach, moved with the text', () => {
    const model = buildModel(RICH);
    const first = lint(model).findings;
    const at = RICH.indexOf('USER app') + 'USER app'.length;
    const before = first.find((f) => f.rule === 'pipe-without-pipefail' && f.span.end < at);
    const after = first.find((f) => f.rule === 'apt-package-not-pinned' && f.span.start > at);
    assert.ok(before && after);
    const [beforeSpan, afterSpan] = [{ ...before.span }, { ...after.span }];
    const typed = RICH.slice(0, at) + 'x' + RICH.slice(at);
    const result = lint(updateModel(model, typed, { start: at, oldEnd: at }));
    assert.deepEqual(result.findings, lint(typed).findings, 'the same findings as a fresh lint');
    assert.ok(result.findings.includes(before), 'a finding above the edit is the same object: its rule did not run again');
    assert.deepEqual(before.span, beforeSpan, 'a finding above the edit stays where it was');
    // The previous version's lint is consumed by the next, as its model is: its findings move in place.
    assert.ok(result.findings.includes(after), 'a finding below the edit is the same object too');
    assert.deepEqual(after.span, { start: afterSpan.start + 1, end: afterSpan.end + 1 }, 'a finding below the edit moved with the text');
  });

  it('moves each kept finding\'s own fixes once, however a rule shares them', () => {
    // A local rule that hands every finding one fix, and a word's span (which moves with its node) as its `at`.
    const sharing: Rule<true> = {
      meta: { id: 'sharing', title: 'sharing', severity: 'info', category: 'hygiene', hadolint: [], fix: 'safe', messages: { m: 'm' } },
      local: true,
      collect: (node) => (node.keyword === 'RUN' ? true : null),
      check({ collected, report, model }) {
        const last = model.instructions[model.instructions.length - 1];
        const fix = { title: 'f', safety: 'safe' as const, edits: [{ start: last.end, end: last.end, newText: '\n' }], at: collected[0].node.keywordSpan };
        for (const { node } of collected) report({ span: node.keywordSpan, messageId: 'm', fixes: [fix] });
      },
    };
    // One list for every lint: the engine keeps a lint's findings only for the same rules.
    const only = [sharing];
    const text = 'FROM debian\nENV A=1\nRUN a\nRUN b\n';
    const model = buildModel(text);
    const first = lint(model, { rules: only }).findings;
    const at = text.indexOf('A=1') + 1;
    const typed = text.slice(0, at) + 'BC' + text.slice(at);
    const result = lint(updateModel(model, typed, { start: at, oldEnd: at }), { rules: only });
    assert.ok(first.every((f) => result.findings.includes(f)), 'the rule was not checked again: its findings are the ones kept');
    assert.deepEqual(result.findings, lint(typed, { rules: only }).findings, 'the same findings and fixes as a fresh lint');
  });

  it('keeps them too while a keyword is typed, and runs again the rules that collect from what it becomes', () => {
    const at = RICH.indexOf('USER app');
    let model = buildModel(RICH);
    const first = lint(model).findings;
    const before = first.find((f) => f.rule === 'pipe-without-pipefail' && f.span.end < at);
    assert.ok(before);
    let text = RICH;
    // `USER app` becomes `RUN app` a keystroke at a time: `SER app`, `ER app`, `R app`, `RU app`, `RUN app`.
    const keystrokes = [{ start: at, oldEnd: at + 1, newText: '' }, { start: at, oldEnd: at + 1, newText: '' }, { start: at, oldEnd: at + 1, newText: 'R' }, { start: at + 1, oldEnd: at + 1, newText: 'U' }, { start: at + 2, oldEnd: at + 2, newText: 'N' }];
    for (const k of keystrokes) {
      text = text.slice(0, k.start) + k.newText + text.slice(k.oldEnd);
      const result = lint((model = updateModel(model, text, k)));
      assert.deepEqual(result.findings, lint(text).findings, `the same findings as a fresh lint of ${JSON.stringify(text.slice(at, at + 8))}`);
      assert.ok(result.findings.includes(before), 'the pipe above is the same finding: its rule did not run again');
    }
  });

  it('keeps them too while a new instruction is typed on a new line and deleted again', () => {
    const at = RICH.indexOf('\nUSER app');
    let model = buildModel(RICH);
    const first = lint(model).findings;
    const above = first.find((f) => f.rule === 'pipe-without-pipefail' && f.span.end < at);
    const below = first.find((f) => f.rule === 'apt-package-not-pinned' && f.span.start > at);
    assert.ok(above && below);
    const belowStart = below.span.start;
    let text = RICH;
    const typed = '\nR';
    const keystrokes = [...typed].map((c, i) => ({ start: at + i, oldEnd: at + i, newText: c }));
    keystrokes.push({ start: at + 1, oldEnd: at + 2, newText: '' }, { start: at, oldEnd: at + 1, newText: '' });
    for (const k of keystrokes) {
      text = text.slice(0, k.start) + k.newText + text.slice(k.oldEnd);
      const result = lint((model = updateModel(model, text, k)));
      assert.deepEqual(result.findings, lint(text).findings, `the same findings as a fresh lint after typing ${JSON.stringify(k.newText)}`);
      assert.ok(result.findings.includes(above), `the pipe above is the same finding after ${JSON.stringify(k)}: its rule did not run again`);
      assert.ok(result.findings.some((f) => f.rule === below.rule && f.message === below.message && f.span.start === belowStart + text.length - RICH.length));
    }
  });

  it('checks a stage-scoped rule only on the stage a keystroke reached, keeping the other stages\' findings', () => {
    const text = 'FROM debian:bookworm-slim AS base\nRUN apt-get update && apt-get install -y tree\nRUN apt-get clean\n\nFROM base AS app\nRUN apt-get update && apt-get install -y git\n';
    let model = buildModel(text);
    const first = lint(model).findings;
    const inBase = first.find((f) => f.rule === 'apt-lists-not-removed' && f.span.start < text.indexOf('FROM base'));
    assert.ok(inBase, 'the base stage has a finding of a stage-scoped rule');
    const at = text.indexOf('install -y git') + 'install -y git'.length;
    const typed = text.slice(0, at) + ' wget' + text.slice(at);
    const result = lint((model = updateModel(model, typed, { start: at, oldEnd: at })));
    assert.deepEqual(result.findings, lint(typed).findings, 'the same findings as a fresh lint');
    assert.ok(result.findings.includes(inBase), 'the base stage was not checked again: its finding is the same object');
  });

  it('moves the later stages\' findings of a stage-scoped rule when a new line is typed above them, checking them again only for rules whose messages name lines', () => {
    const text = 'FROM debian:bookworm-slim AS base\nRUN apt-get update && apt-get install -y tree\n\nFROM base AS app\nADD app.py /app/\nCMD ["a"]\nCMD ["b"]\n';
    let model = buildModel(text);
    const first = lint(model).findings;
    const add = first.find((f) => f.rule === 'add-instead-of-copy');
    const cmd = first.find((f) => f.rule === 'repeated-cmd-or-entrypoint');
    assert.ok(add && cmd, 'the app stage has findings of both stage-scoped rules');
    const at = text.indexOf('install -y tree') + 'install -y tree'.length;
    const typed = text.slice(0, at) + '\nRUN true' + text.slice(at);
    const result = lint((model = updateModel(model, typed, { start: at, oldEnd: at })));
    assert.deepEqual(result.findings, lint(typed).findings, 'the same findings as a fresh lint');
    const movedAdd = result.findings.find((f) => f.rule === 'add-instead-of-copy')!;
    assert.equal(movedAdd.span.start, add.span.start + '\nRUN true'.length, 'the ADD finding moved with its line');
    assert.match(result.findings.find((f) => f.rule === 'repeated-cmd-or-entrypoint')!.message, /line 8/, 'the CMD message names the CMD\'s new line');
  });

  it('marks every stage-scoped rule whose messages name a line as naming lines', () => {
    for (const rule of rules.filter((r) => r.scope === 'stage')) {
      const naming = Object.values(rule.meta.messages).some((m) => m.includes('{line}'));
      assert.equal(rule.namesLines === true, naming, `${rule.meta.id}: namesLines matches its messages`);
    }
  });

  it('lints every stage again once a RUN --mount is typed anywhere, since the cleanup rules then offer cache mounts in every stage', () => {
    const text = 'FROM debian:bookworm-slim AS a\nRUN apt-get update && apt-get install -y --no-install-recommends tree\n\nFROM a AS b\nRUN  echo hi\n';
    let model = buildModel(text);
    lint(model);
    const at = text.indexOf('RUN  echo') + 4;
    let current = text;
    for (const c of '--mount=type=tmpfs,target=/x ') {
      const i = current.indexOf(' echo hi');
      current = current.slice(0, i) + c + current.slice(i);
      const result = lint((model = updateModel(model, current, { start: i, oldEnd: i })));
      assert.deepEqual(result.findings, lint(current).findings, `the same findings as a fresh lint of ${JSON.stringify(current.slice(at, i + 1))}`);
    }
    assert.ok(lint(current).findings.some((f) => f.rule === 'apt-lists-not-removed' && f.fixes.some((x) => /cache mount/.test(x.title))), 'stage a gained the cache-mount fix');
  });

  it('runs the rules again when an instruction becomes an ignore pragma for the one below it', () => {
    const model = buildModel(RICH);
    const found = lint(model).findings;
    const line = RICH.indexOf('RUN sudo apt-get');
    assert.ok(found.some((f) => f.rule === 'apt-package-not-pinned' && f.span.start > line));
    const user = RICH.indexOf('USER app');
    const pragma = '# layerwise-ignore=apt-package-not-pinned';
    const text = RICH.slice(0, user) + pragma + RICH.slice(user + 'USER app'.length);
    const result = lint(updateModel(model, text, { start: user, oldEnd: user + 'USER app'.length }));
    assert.deepEqual(result.findings, lint(text).findings);
    assert.ok(!result.findings.some((f) => f.rule === 'apt-package-not-pinned' && f.span.start > user), 'the RUN below is silenced at once');
  });

  it('runs a local rule again when the keystroke changed an instruction it collected, or a pragma above one', () => {
    const model = buildModel(RICH);
    const first = lint(model).findings;
    const pipe = first.find((f) => f.rule === 'pipe-without-pipefail')!;
    const at = RICH.indexOf('| tee /tmp/log');
    const typed = RICH.slice(0, at) + '| cat ' + RICH.slice(at);
    const result = lint(updateModel(model, typed, { start: at, oldEnd: at }));
    assert.deepEqual(result.findings, lint(typed).findings);
    assert.ok(!result.findings.includes(pipe), 'the RUN with the pipe changed, so its finding was made again');
    const line = RICH.indexOf('RUN sudo apt-get');
    const pragma = RICH.slice(0, line) + '# layerwise-ignore=apt-package-not-pinned\n' + RICH.slice(line);
    const next = lint(updateModel(result.model, pragma.replace('| tee', '| cat | tee'), { start: line + 6, oldEnd: line + 6 }));
    assert.deepEqual(next.findings, lint(pragma.replace('| tee', '| cat | tee')).findings, 'a pragma typed above an instruction silences it at once');
  });

  it('runs dependencies-not-locked again when an ENV above a pip install comes to set PIP_CONSTRAINT, and when it stops', () => {
    const text = 'FROM python:3.12-slim\nENV A=b\nRUN pip install --no-cache-dir astropy==6.1.0\n';
    const rule = (r: { findings: Array<{ rule: string }> }) => r.findings.filter((f) => f.rule === 'dependencies-not-locked').length;
    const first = lint(buildModel(text));
    assert.equal(rule(first), 1);
    const at = text.indexOf('A=b');
    const set = 'PIP_CONSTRAINT=/c.txt ';
    const typed = text.slice(0, at) + set + text.slice(at);
    const constrained = lint(updateModel(first.model, typed, { start: at, oldEnd: at }));
    assert.deepEqual(constrained.findings, lint(typed).findings);
    assert.equal(rule(constrained), 0, 'the constraints file decides the dependencies');
    const back = lint(updateModel(constrained.model, text, { start: at, oldEnd: at + set.length }));
    assert.deepEqual(back.findings, lint(text).findings);
    assert.equal(rule(back), 1);
  });

  it('tells a collect that throws after a keystroke, on the new instruction or on one it kept', () => {
    const broken: Rule = {
      meta: { id: 'broken-collect', title: 'broken', severity: 'error', category: 'hygiene', hadolint: [], fix: null, messages: {} },
      collect(node) {
        if (node.args.some((a) => a.value === 'boom')) throw new Error('bad node');
        return null;
      },
      check() {},
    };
    const withBroken = [broken, ...rules];
    const at = RICH.indexOf('USER app') + 'USER app'.length;
    let model = buildModel(RICH);
    assert.deepEqual(lint(model, { rules: withBroken }).failures, []);
    // Typed into one instruction: the new node's collect throws.
    const typed = RICH.slice(0, at) + ' boom' + RICH.slice(at);
    let result = lint((model = updateModel(model, typed, { start: at, oldEnd: at })), { rules: withBroken });
    assert.deepEqual(result.failures.map((f) => [f.rule, f.error.message]), [['broken-collect', 'bad node']]);
    assert.deepEqual(result.findings, lint(typed, { rules: withBroken }).findings);
    // A keystroke elsewhere keeps that node, whose collect threw: the failure is told again.
    const elsewhere = typed.indexOf('ADD app.tar.gz') + 'ADD app.tar.gz'.length;
    const again = typed.slice(0, elsewhere) + 'x' + typed.slice(elsewhere);
    result = lint(updateModel(model, again, { start: elsewhere, oldEnd: elsewhere }), { rules: withBroken });
    assert.deepEqual(result.failures.map((f) => f.rule), ['broken-collect']);
    assert.deepEqual(result.findings, lint(again, { rules: withBroken }).findings);
  });

  it('keeps no more than the model before a new one, however many edits go unlinted', () => {
    const at = RICH.indexOf('USER app') + 'USER app'.length;
    const first = updateModel(buildModel(RICH), RICH.slice(0, at) + 'x' + RICH.slice(at), { start: at, oldEnd: at });
    const second = updateModel(first, RICH.slice(0, at) + 'xy' + RICH.slice(at), { start: at + 1, oldEnd: at + 1 });
    assert.equal(takeInstructionsEdit(first), undefined, 'the model before lets go of its own previous one');
    assert.equal(takeInstructionsEdit(second)?.previous, first);
  });

  it('takes a paste of more lines and instructions than splice takes arguments, and its removal', () => {
    const at = RICH.indexOf('USER app');
    const paste = 'RUN echo a\n'.repeat(6000);
    const pasted = RICH.slice(0, at) + paste + RICH.slice(at);
    const model = updateModel(buildModel(RICH), pasted, { start: at, oldEnd: at });
    assert.equal(model.instructions.length, buildModel(RICH).instructions.length + 6000);
    assert.deepEqual(shape(model), shape(buildModel(pasted)));
    assert.deepEqual(shape(updateModel(model, RICH, { start: at, oldEnd: at + paste.length })), shape(buildModel(RICH)));
  });
});
