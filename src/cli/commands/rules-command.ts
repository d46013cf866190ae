import { Command, Option } from "commander";
import { findRule, RULES } from "../../contract/rule-registry.js";
import { UsageError } from "../../core/index.js";
import { renderRuleHelp, renderRuleList } from "../../report/render-rules.js";
import type { CliContext } from "../cli-context.js";

const FORMATS = ["text", "json"] as const;

/** `jig rules [ID]`: list jig's rule ids, or explain one. */
export function createCommand(context: CliContext): Command {
  return new Command("rules")
    .description("List the JIG-* rules jig reports, or show one rule's help")
    .argument("[id]", "a rule id, e.g. JIG-G001")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .addHelpText(
      "after",
      `
Failure-model ids (FM-…) are described by their catalog: jig failures show ID.

Examples:
  jig rules
  jig rules JIG-H001
  jig rules --format json`,
    )
    .action((id: string | undefined, flags: { format: (typeof FORMATS)[number] }) => {
      const rule = id === undefined ? undefined : findRule(id);
      if (id !== undefined && rule === undefined) {
        throw new UsageError(
          `unknown rule "${id}"; run 'jig rules' for the list (failure models: 'jig failures show ${id}')`,
          { code: "rules/unknown-id" },
        );
      }
      if (flags.format === "json") {
        context.stdout.write(`${JSON.stringify(rule ?? RULES, null, 2)}\n`);
      } else {
        context.stdout.write(rule ? renderRuleHelp(rule) : renderRuleList(RULES));
      }
    });
}
