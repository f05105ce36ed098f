import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildModel } from '../../server/src/model/build';
import { shellText, shellWord, tokenizeShell } from '../../server/src/model/shell';

function commands(script: string) {
  return tokenizeShell({ text: script, map: null, base: 0 }).map((c) => ({
    sep: c.separator,
    env: c.assignments.map((w) => w.value),
    words: c.words.map((w) => w.value),
  }));
}

describe('the shell tokeniser', () => {
  it('splits commands at && || ; | & and newlines, keeping the operator before each', () => {
    assert.deepEqual(commands('a && b || c; d | e & f\ng'), [
      { sep: null, env: [], words: ['a'] },
      { sep: '&&', env: [], words: ['b'] },
      { sep: '||', env: [], words: ['c'] },
      { sep: ';', env: [], words: ['d'] },
      { sep: '|', env: [], words: ['e'] },
      { sep: '&', env: [], words: ['f'] },
      { sep: '\n', env: [], words: ['g'] },
    ]);
  });

  it('splits `update&&install`, which dockerfile-ast keeps as one argument', () => {
    assert.deepEqual(commands('apt-get update&&apt-get install -y x').map((c) => c.words), [['apt-get', 'update'], ['apt-get', 'install', '-y', 'x']]);
  });

  it('removes quotes and escapes, and keeps "a b" as one word', () => {
    assert.deepEqual(commands(`echo "a b" 'c d' e\\ f "g\\"h"`)[0].words, ['echo', 'a b', 'c d', 'e f', 'g"h']);
  });

  it('keeps $(...), backquotes and ${...} inside their word', () => {
    assert.deepEqual(commands('echo $(uname -r && true) `date` ${A:-x y}')[0].words, ['echo', '$(uname -r && true)', '`date`', '${A:-x y}']);
  });

  it('reads leading assignments and leaves out redirections', () => {
    assert.deepEqual(commands('CC=mpicc HDF5_MPI="ON" pip install h5py >/dev/null 2>&1 < in'), [{ sep: null, env: ['CC=mpicc', 'HDF5_MPI=ON'], words: ['pip', 'install', 'h5py'] }]);
  });

  it('skips comments, and reserved words that open or close compound commands', () => {
    assert.deepEqual(commands('if true; then apt-get update; fi # done').map((c) => c.words), [['true'], ['apt-get', 'update']]);
    assert.deepEqual(commands('(cd /x && make)').map((c) => [c.sep, ...c.words]), [[null, 'cd', '/x'], ['&&', 'make']]);
  });
});

describe('the model', () => {
  it('maps every word of a continued RUN back to the document, skipping comment lines', () => {
    const text = 'FROM debian\nRUN apt-get update \\\n  # why\n  && apt-get install -y \\\n     git\n';
    const model = buildModel(text);
    const run = model.instructions[1].run!;
    assert.equal(run.form, 'shell');
    const words = run.commands.flatMap((c) => c.words.map((w) => [w.value, text.slice(w.start, w.end)]));
    assert.deepEqual(words, [
      ['apt-get', 'apt-get'],
      ['update', 'update'],
      ['apt-get', 'apt-get'],
      ['install', 'install'],
      ['-y', '-y'],
      ['git', 'git'],
    ]);
  });

  it('reads the exec form as one command whose words span their JSON strings', () => {
    const text = 'FROM debian\nRUN ["pip", "install", "a b"]\n';
    const run = buildModel(text).instructions[1].run!;
    assert.equal(run.form, 'exec');
    assert.deepEqual(run.exec, ['pip', 'install', 'a b']);
    assert.deepEqual(run.commands[0].words.map((w) => text.slice(w.start, w.end)), ['"pip"', '"install"', '"a b"']);
  });

  it('reads a heredoc body as the script for RUN <<EOF, and as data for RUN python3 <<EOF', () => {
    const script = buildModel('FROM debian\nRUN <<EOF\napt-get update\nEOF\n').instructions[1].run!;
    assert.equal(script.form, 'heredoc');
    assert.deepEqual(script.commands.map((c) => c.words.map((w) => w.value)), [['apt-get', 'update']]);
    const data = buildModel('FROM debian\nRUN python3 <<EOF\nimport os\nEOF\n').instructions[1].run!;
    assert.deepEqual(data.commands.map((c) => c.words.map((w) => w.value)), [['python3']]);
  });

  it('reads RUN flags and the ONBUILD trigger', () => {
    const model = buildModel('FROM debian\nRUN --mount=type=cache,target=/root/.cache pip install x\nONBUILD RUN pip install y\n');
    assert.deepEqual(model.instructions[1].run!.flags.map((f) => [f.name, f.value]), [['mount', 'type=cache,target=/root/.cache']]);
    assert.deepEqual(model.instructions[1].run!.commands[0].words.map((w) => w.value), ['pip', 'install', 'x']);
    const trigger = model.instructions[2].trigger!;
    assert.equal(trigger.keyword, 'RUN');
    assert.equal(trigger.onbuild, model.instructions[2]);
    assert.deepEqual(trigger.run!.commands[0].words.map((w) => w.value), ['pip', 'install', 'y']);
  });

  it('builds stages: names, ARG-resolved images, which stage builds on which, and COPY --from', () => {
    const model = buildModel('ARG OS=18.04\nFROM ubuntu:$OS AS Base\nFROM base AS build\nFROM ubuntu:${OS}\nCOPY --from=build /a /a\n');
    assert.deepEqual(
      model.stages.map((s) => [s.name, s.image, s.resolvedImage, s.baseStage, s.copiesFrom]),
      [
        ['base', 'ubuntu:$OS', 'ubuntu:18.04', null, []],
        ['build', 'base', 'base', 0, []],
        [null, 'ubuntu:${OS}', 'ubuntu:18.04', null, [1]],
      ],
    );
    assert.equal(model.globalArgs.length, 1);
  });

  it('keeps offsets right with CRLF, a byte-order mark and the backquote escape', () => {
    const text = '\uFEFF# escape=`\r\nFROM debian\r\nRUN echo a `\r\n  && echo "b c"\r\n';
    const model = buildModel(text);
    assert.equal(model.escape, '`');
    const words = model.instructions[1].run!.commands.flatMap((c) => c.words.map((w) => text.slice(w.start, w.end)));
    assert.deepEqual(words, ['echo', 'a', 'echo', '"b c"']);
  });
});

describe('shellWord, a value written as one shell word', () => {
  const readBack = (value: string) => {
    const [command] = tokenizeShell({ text: `rm -f ${shellWord(value)}`, map: null, base: 0 });
    return { words: command.words.map((w) => w.value), expands: command.words[2]?.expands };
  };

  it('leaves a plain path as it is', () => {
    assert.equal(shellWord('/tmp/tool-1.0.tar.gz'), '/tmp/tool-1.0.tar.gz');
    assert.equal(shellWord('a~b'), 'a~b');
  });

  it('quotes what the shell would split, expand or run, and reads back as the one value', () => {
    for (const value of ['/tmp/my build', 'x&y.tgz', 'a;b', '$HOME/x', '`id`', "it's", 'a"b', 'a\\b', '~/x', '*.tgz', 'a|b', '(x)']) {
      assert.notEqual(shellWord(value), value, value);
      assert.deepEqual(readBack(value), { words: ['rm', '-f', value], expands: false }, value);
    }
  });

  it("is read back as the value by the system's own sh (dash on Debian)", () => {
    for (const value of ['/tmp/my build', 'x&y.tgz', 'a;b', '$HOME/x', '`id`', "it's", 'a"b', 'a\\b', '~/x', '*', 'a|b', '(x)', 'plain-1.0.tgz']) {
      const printed = spawnSync('sh', ['-c', `printf '%s' ${shellWord(value)}`], { encoding: 'utf8' });
      assert.equal(printed.stdout, value, `${value} written as ${shellWord(value)}`);
    }
  });

  it('reads back any printable value as one word that expands nothing', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: fc.constantFrom(...' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~') }), (value) => {
        assert.deepEqual(readBack(value), { words: ['rm', '-f', value], expands: false });
      }),
    );
  });
});

describe('shellText, a value read from a RUN written again', () => {
  it('quotes a value that expands nothing as shellWord does', () => {
    assert.equal(shellText('/tmp/my build', false), "'/tmp/my build'");
  });

  it('writes an expanding value as it is where nothing else in it is special, and gives up where something is', () => {
    assert.equal(shellText('tcl${TCL_VERSION}-linux.tar.gz', true), 'tcl${TCL_VERSION}-linux.tar.gz');
    assert.equal(shellText('$HOME/build', true), '$HOME/build');
    assert.equal(shellText('a&b-${V}.tgz', true), null);
    assert.equal(shellText('my ${V}', true), null);
  });
});
