// A RUN's heredocs, read through dockerfile-ast without letting its failures
// through: getHeredocs() throws on some broken texts (found by the fuzzer:
// `RUN \` then a lone CR and a comment line), and a linter must read any text.
import type { Heredoc, Run } from 'dockerfile-ast';

/** The heredocs dockerfile-ast finds, or none when it cannot read them. */
export function heredocsOf(run: Run): Heredoc[] {
  try {
    return run.getHeredocs();
  } catch {
    return [];
  }
}
