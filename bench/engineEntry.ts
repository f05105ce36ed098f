// What the benchmark times of the engine; bundled by bench/engine.ts.
export { fixUntilStable } from '../server/src/engine/fix';
export { lint } from '../server/src/engine/lint';
