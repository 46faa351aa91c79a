import { userInfo } from "node:os";
import { loadConfigFile, resolveConfig } from "../../config/load.js";
import { parseOrThrow, UserInputError } from "../../errors.js";
import { createOrchestrator } from "../../orchestrator.js";
import { assertWithinBounds } from "../../safety/bounds.js";
import {
  ActionRequestSchema,
  HumanResponseSchema,
  type ActionRequest,
  type HumanResponseInput,
} from "../../state/review.js";
import { printOutcome } from "../outcome-lines.js";
import { printLine } from "../print.js";
import { withCliRunStore } from "../run-store.js";
import { stageLine } from "../stage-line.js";
import { runContextConflict } from "../../runs/run-context.js";
import { cliRunOrigin } from "../run-origin.js";
import { openTools } from "../../compose/tools.js";
import { cliToolRequest } from "../tool-request.js";
import type { RunOrigin } from "../../state/run-context.js";

export interface ResumeCommandOptions {
  accept?: boolean;
  edit?: string;
  respond?: string;
  ignore?: boolean;
  by?: string;
  scenario?: string;
  config?: string;
  inProcess?: boolean;
  json?: boolean;
}

/**
 * `resume <thread> --accept | --edit <json> | --respond <text> | --ignore`: answers a paused review.
 * The run carries on as it was made (its thread keeps its config, scenario and tool source): flags
 * that say otherwise are refused, naming the difference.
 */
export async function resumeCommand(thread: string, options: ResumeCommandOptions): Promise<void> {
  // Its shape is checked before any tool starts; whether the review allows it, by resume().
  const answer = parseOrThrow(HumanResponseSchema, answerFrom(options), "answer");
  await withCliRunStore(async (store) => {
    const reader = createOrchestrator({ tools: [], store });
    const context = await reader.runContext(thread);
    const given = cliRunOrigin(options);
    const origin: RunOrigin = {
      ...(options.config !== undefined ? { config_source: given.config_source } : {}),
      ...(options.scenario !== undefined ? { scenario: given.scenario } : {}),
      ...(options.inProcess ? { tools: "in-process" } : {}),
    };
    const config =
      context && options.config === undefined ? resolveConfig(context.config) : await loadConfigFile(options.config);
    // Refused before any sandbox or tool server starts; resume() checks the same again.
    const conflict = context ? runContextConflict(await reader.resolveThread(thread), context, config, origin) : null;
    if (conflict) throw new UserInputError(conflict);
    const tools = {
      scenario: options.scenario ?? context?.scenario ?? undefined,
      inProcess: options.inProcess === true || context?.tools === "in-process",
    };
    const source = await openTools(cliToolRequest(tools), config);
    try {
      const orchestrator = createOrchestrator({ config, tools: source.tools, store });
      const outcome = await orchestrator.resume(thread, answer, {
        origin,
        onStage: options.json ? undefined : (event) => printLine(stageLine(event)),
      });
      printOutcome(outcome, options.json === true);
    } finally {
      await source.close();
    }
  });
}

/** Exactly one answer, as Agent Inbox's HumanResponse, signed with who gave it. */
export function answerFrom(options: ResumeCommandOptions): HumanResponseInput {
  const given = [
    options.accept ? "--accept" : null,
    options.edit !== undefined ? "--edit" : null,
    options.respond !== undefined ? "--respond" : null,
    options.ignore ? "--ignore" : null,
  ].filter((flag) => flag !== null);
  if (given.length !== 1) {
    throw new UserInputError(
      `give exactly one of --accept, --edit <json>, --respond <text>, --ignore${given.length > 1 ? ` (got ${given.join(", ")})` : ""}`,
    );
  }
  const reviewer = options.by ?? userInfo().username;
  if (options.accept) return { type: "accept", args: null, reviewer };
  if (options.ignore) return { type: "ignore", args: null, reviewer };
  if (options.respond !== undefined) return { type: "response", args: options.respond, reviewer };
  return { type: "edit", args: parseEdit(options.edit ?? ""), reviewer };
}

function parseEdit(text: string): ActionRequest {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserInputError(`--edit: not valid JSON (${(error as Error).message}); give {"action": "…", "args": {…}}`);
  }
  assertWithinBounds(value, "edit"); // before zod, which drops `__proto__` keys without a word
  return parseOrThrow(ActionRequestSchema, value, "edit");
}
