// Package managers that ask before they change packages (apt-get's "Do you
// want to continue?", yum's and dnf's "Is this ok [y/N]:"): a build cannot
// answer, so it stops there. The rules on apt and on yum/dnf report each such
// call the same way, with the same fix.
import { spanOf, type ToolCall } from '../../engine/commands';
import { insertArgumentAfter } from '../../engine/edits';
import type { RuleContext } from '../../engine/rule';
import type { InstructionNode } from '../../model/types';

/** The RUN's calls that change packages and would stop at the question. */
export interface Prompting {
  run: InstructionNode;
  calls: ToolCall[];
}

/** Reports each call on its tool and subcommand, with the safe fix that adds `-y` after the subcommand. */
export function reportPrompts({ report, collected }: RuleContext<Prompting>, fixTitle: string, hadolintOf?: (call: ToolCall) => string): void {
  for (const { node, fact } of collected) {
    if (node.stage < 0) continue;
    for (const call of fact.calls) {
      const subcommand = call.subcommand!;
      report({
        span: spanOf([call.tool, subcommand]),
        messageId: 'prompts',
        data: { command: `${call.tool.value} ${subcommand.value}` },
        ...(hadolintOf ? { hadolint: hadolintOf(call) } : {}),
        fixes: [{ title: fixTitle, safety: 'safe', edits: [insertArgumentAfter(fact.run, subcommand, '-y')] }],
      });
    }
  }
}
