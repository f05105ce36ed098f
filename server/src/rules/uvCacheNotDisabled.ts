import { readCall, runNode, spanOf } from '../engine/commands';
import { insertArgumentAfter } from '../engine/edits';
import type { Rule } from '../engine/rule';
import { variablesInScope } from '../model/scope';
import type { InstructionNode } from '../model/types';
import { inFinalImage } from './support/collected';
import { mountCovers } from './support/packageTools';
import { UV, uvCacheExportedBefore, uvCallSkipsCache, uvInstalls, type UvCall } from './support/uv';

const VARIABLE = 'UV_NO_CACHE';

/** uv's cache, where a cache or tmpfs mount keeps it out of the layer: ~/.cache/uv, or a UV_CACHE_DIR of /tmp. */
const CACHE_TARGET = /(\/\.cache(\/uv)?|^\/tmp(\/.*)?)$/;

/** The RUN's uv calls that leave their downloads in uv's cache, whatever ENV the stage sets. */
interface Cached {
  run: InstructionNode;
  calls: UvCall[];
}

export const uvCacheNotDisabled: Rule<Cached> = {
  meta: {
    id: 'uv-cache-not-disabled',
    title: 'uv pip install or uv sync that keeps its cache in the image',
    severity: 'warning',
    category: 'cleanup',
    hadolint: [],
    fix: 'safe',
    messages: {
      cached: "'uv {command}' keeps uv's cache (~/.cache/uv) in the image: add --no-cache, set UV_NO_CACHE=1, or mount a cache at /root/.cache/uv.",
      fix: 'Add --no-cache',
    },
  },
  collect(node) {
    const run = runNode(node);
    if (!run?.run || mountCovers(run.run.flags, CACHE_TARGET)) return null;
    const { commands } = run.run;
    const cleaned = (after: number) => commands.some((c) => c.start > after && readCall(c, UV)?.subcommand?.value === 'cache' && ['clean', 'prune'].includes(readCall(c, UV)?.operands[0]?.value ?? ''));
    const calls = uvInstalls(run).filter(({ call }) => !uvCallSkipsCache(call) && !uvCacheExportedBefore(commands, call.command) && !cleaned(call.command.start));
    return calls.length > 0 ? { run, calls } : null;
  },
  check({ model, report, collected }) {
    for (const { node, fact } of inFinalImage(model, collected)) {
      if (variablesInScope(model, node).has(VARIABLE)) continue;
      for (const { call, command } of fact.calls) {
        // After `pip install`'s last word, or `sync`: uv takes --no-cache anywhere after the subcommand.
        const after = command.includes(' ') ? call.operands[0] : call.subcommand!;
        report({
          span: spanOf([call.tool, after]),
          messageId: 'cached',
          data: { command },
          fixes: [{ title: uvCacheNotDisabled.meta.messages.fix, safety: 'safe', edits: [insertArgumentAfter(fact.run, after, '--no-cache')] }],
        });
      }
    }
  },
};
