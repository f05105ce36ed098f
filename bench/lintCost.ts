// One process's measurement of the lint table, run by bench/run.ts in a
// process of its own, several times: which code V8 optimises, and how well,
// differs from one process to the next, and one process's figure for a row
// moved by a fifth between runs of the same build (1.26x and 1.48x the parse
// at 500 lines). Each process times every row in turn, from the smallest, as
// one process did before, and the table takes each figure's median over the
// processes.
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { compare, type CompareOptions } from './compare';
import type { Engine } from './engine';

export interface LintCostRequest {
  /** The engine bundle to time, built once by the parent (bench/engine.ts). */
  engineFile: string;
  inputs: Array<{ name: string; texts: string[] }>;
  options: CompareOptions;
}

/** Per input, the median time per call of the parse, the lint and the peer's validate, in ms. */
export type LintCostReply = Array<{ parse: number; lint: number; validate: number }>;

process.once('message', ({ engineFile, inputs, options }: LintCostRequest) => {
  const { lint } = require(engineFile) as Engine;
  const reply: LintCostReply = inputs.map(({ texts }) => {
    const all = (f: (t: string) => unknown) => () => texts.forEach(f);
    const r = compare({ parse: all((t) => DockerfileParser.parse(t)), lint: all((t) => lint(t)), validate: all((t) => validate(t)) }, options);
    return { parse: r.parse, lint: r.lint, validate: r.validate };
  });
  process.send!(reply, () => process.exit(0));
});
