// Package managers that ask before they change packages (apt-get's "Do you
// want to continue?", yum's and dnf's "Is this ok [y/N]:", zypper's
// "Continue? [y/n/...]"): a build cannot answer, so it stops there. The rules
// on apt, yum/dnf and zypper report each such call the same way, with a fix
// that makes it answer by itself.
import { spanOf, type ToolCall } from '../../engine/commands';
import { insertArgumentAfter } from '../../engine/edits';
import type { RuleContext, TextEdit } from '../../engine/rule';
import type { InstructionNode, ShellCommand } from '../../model/types';

/** The RUN's calls that change packages and would stop at the question. */
export interface Prompting {
  run: InstructionNode;
  calls: ToolCall[];
}

/** How a call is made to answer by itself: by default, `-y` after its subcommand. */
export type Answer = (run: InstructionNode, call: ToolCall) => TextEdit;

const yesAfterSubcommand: Answer = (run, call) => insertArgumentAfter(run, call.subcommand!, '-y');

/** Reports each call on its tool and subcommand, with the safe fix that makes it answer by itself. */
export function reportPrompts({ report, collected }: RuleContext<Prompting>, fixTitle: string, hadolintOf?: (call: ToolCall) => string, answer: Answer = yesAfterSubcommand): void {
  for (const { node, fact } of collected) {
    if (node.stage < 0) continue;
    for (const call of fact.calls) {
      const subcommand = call.subcommand!;
      report({
        span: spanOf([call.tool, subcommand]),
        messageId: 'prompts',
        data: { command: `${call.tool.value} ${subcommand.value}` },
        ...(hadolintOf ? { hadolint: hadolintOf(call) } : {}),
        fixes: [{ title: fixTitle, safety: 'safe', edits: [answer(fact.run, call)] }],
      });
    }
  }
}

/** Whether `yes |` feeds the call's command, which answers every question. */
export function fedYes(commands: readonly ShellCommand[], call: ToolCall): boolean {
  return call.command.separator === '|' && commands[commands.indexOf(call.command) - 1]?.words[0]?.value === 'yes';
}
