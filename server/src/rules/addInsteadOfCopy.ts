import type { Add } from 'dockerfile-ast';
import type { Rule } from '../engine/rule';
import { argsInScope } from '../model/scope';
import { unquote } from '../model/shell';
import type { DockerfileModel, InstructionNode } from '../model/types';

/** Sources ADD treats specially: URLs, git repositories and archives that it unpacks. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)|\.git(#.*)?$/i;
/**
 * Names of files ADD may unpack: tar archives, bare or compressed (Docker reads the content, so any compressed
 * name may hold a tar). Not `.zip`: ADD unpacks tar archives only and copies a zip as it is, as the Dockerfile
 * reference says (https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives), although hadolint's
 * DL3020 leaves zips alone.
 */
const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tzst|taz|gz|bz2|xz|zst|lz|lzma|z)$/i;
/** Flags that COPY takes as ADD does. */
const SHARED_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);

/** The sources of an ADD, as written, from the shell-like or the JSON form. */
function sources(node: InstructionNode, text: string): string[] | null {
  const args = node.args;
  if (args.length < 2) return null;
  if (args[0].value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text.slice(args[0].start, args[args.length - 1].end));
      return Array.isArray(parsed) && parsed.length >= 2 && parsed.every((s) => typeof s === 'string') ? (parsed as string[]).slice(0, -1) : null;
    } catch {
      return null;
    }
  }
  // Docker removes the quotes of the shell-like form: `ADD "app.tar.gz" /opt/` unpacks the archive.
  return args.slice(0, -1).map((a) => unquote(a.value).value);
}

/** `$NAME` and `${NAME}` replaced by the ARG defaults in scope; null when one is unknown. */
function resolve(model: DockerfileModel, node: InstructionNode, value: string): string | null {
  if (!value.includes('$')) return value;
  const scope = argsInScope(model, node.onbuild ?? node);
  let unknown = false;
  const out = value.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (_m, braced: string | undefined, bare: string | undefined) => {
    const v = scope.get(braced ?? bare ?? '')?.value;
    if (v === undefined || v === null) unknown = true;
    return v ?? '';
  });
  return unknown ? null : out;
}

/** An ADD (an ONBUILD's trigger, for ONBUILD ADD), and whether COPY takes all its flags. */
interface AddFact {
  add: InstructionNode;
  copyTakesFlags: boolean;
}

export const addInsteadOfCopy: Rule<AddFact> = {
  meta: {
    id: 'add-instead-of-copy',
    title: 'ADD of local files, where COPY does the same',
    severity: 'info',
    category: 'hygiene',
    hadolint: ['DL3020'],
    fix: 'safe',
    messages: {
      local: 'ADD works here, but COPY says more plainly that {source} is only copied (ADD also fetches URLs and unpacks archives).',
      fix: 'Use COPY',
    },
  },
  // An ADD is judged by its own text and the ARGs its stage declares before it (and the global ones).
  scope: 'stage',
  collect(top) {
    // The ADD itself, or an ONBUILD's; an ADD of a heredoc names no source files.
    const node = top.trigger ?? top;
    if (node.keyword !== 'ADD' || node.args.some((a) => a.value.startsWith('<<'))) return null;
    // Read here, once: dockerfile-ast's node is parsed again each time the instruction moves.
    return { add: node, copyTakesFlags: (node.ast as Add).getFlags().every((f) => SHARED_FLAGS.has(f.getName())) };
  },
  check({ model, report, collected }) {
    for (const { fact } of collected) {
      const node = fact.add;
      const written = sources(node, model.text);
      if (!written) continue;
      const resolved = written.map((s) => resolve(model, node, s));
      if (resolved.some((s) => s === null || REMOTE.test(s) || ARCHIVE.test(s.replace(/\/+$/, '')))) continue;
      // Several sources need a folder as the destination; docker build rejects the ADD otherwise, so no fix
      // pretends to mend it (found by the fuzzer).
      const destination = node.args[node.args.length - 1].value.replace(/["\]]+$/, '');
      const fixable = fact.copyTakesFlags && (written.length === 1 || /[\\/]$/.test(destination));
      const keyword = model.text.slice(node.keywordSpan.start, node.keywordSpan.end);
      const copy = keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
      report({
        span: node.keywordSpan,
        messageId: 'local',
        data: { source: written.join(' ') },
        fixes: fixable
          ? [{ title: addInsteadOfCopy.meta.messages.fix, safety: 'safe', edits: [{ ...node.keywordSpan, newText: copy }] }]
          : [],
      });
    }
  },
};
