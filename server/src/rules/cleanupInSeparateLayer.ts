import { appendToRun, commandText, removeInstruction } from '../engine/edits';
import { formatMessage, type Rule } from '../engine/rule';
import { lineOf } from '../model/lines';
import { cleanupCommands, cleanupRunOf, type CleanupCommands } from './support/cleanup';
import { inFinalImage } from './support/collected';

export const cleanupInSeparateLayer: Rule<CleanupCommands> = {
  meta: {
    id: 'cleanup-in-separate-layer',
    title: 'A RUN that only cleans up what an earlier RUN left',
    severity: 'warning',
    category: 'cleanup',
    hadolint: [],
    fix: 'safe',
    messages: {
      separate: 'This layer saves nothing: the files stay in the earlier layer (line {line}). Clean up in the RUN that made them.',
      copied:
        'This layer saves nothing: the files stay in the layer of the {keyword} on line {line}, which wrote them. Copy only what the image needs, or let the RUN that reads them mount them instead (RUN --mount=type=bind, from the context or a stage), and drop this RUN.',
      unknownLayer:
        "This layer saves nothing: it removes what lies in a folder an earlier RUN made (a clone, an archive), where it stays in that RUN's layer if it is there at all. Remove it in the RUN that makes it, or drop this RUN.",
      fix: 'Move the cleanup into the RUN on line {line}',
    },
  },
  // A cleanup RUN is judged by the earlier instructions of its own stage, and its fix stays there.
  scope: 'stage',
  namesLines: true,
  collect: cleanupCommands,
  check({ model, report, collected }) {
    // The stages whose layers reach the final image, as for every cleanup rule: a builder stage's layers do not.
    for (const { node, fact } of inFinalImage(model, collected)) {
      const cleanup = node.stage < 0 ? null : cleanupRunOf(model, node, fact);
      if (!cleanup) continue;
      const commands = cleanup.commands;
      if (cleanup.makers.length === 0) {
        report({ span: { start: commands[0].command.start, end: commands[commands.length - 1].command.end }, messageId: 'unknownLayer' });
        continue;
      }
      const first = cleanup.makers.reduce((a, b) => (a.start > b.start ? a : b));
      const line = String(lineOf(model.lineStarts, first.start) + 1);
      const fixes = [];
      if (cleanup.movable && cleanup.maker) {
        const texts = commands.map(({ command }) => commandText(model, command.start, command.end));
        const append = appendToRun(model, cleanup.maker, texts);
        if (append) {
          fixes.push({
            title: formatMessage(cleanupInSeparateLayer.meta.messages.fix, { line }),
            safety: 'safe' as const,
            edits: [append, removeInstruction(model, cleanup.node.onbuild ?? cleanup.node)],
            instructionsAdded: -1,
          });
        }
      }
      report({
        span: { start: commands[0].command.start, end: commands[commands.length - 1].command.end },
        messageId: first.run ? 'separate' : 'copied',
        data: { line, keyword: first.keyword },
        fixes,
      });
    }
  },
};
