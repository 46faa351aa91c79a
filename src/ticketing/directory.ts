/**
 * What `serve` looks up on the instance once, at start-up, and keeps: the agent user's sys_id, the
 * escalation groups' sys_ids, and the choice values the config names (close code, hold reason),
 * checked so a typo fails the start, not the first resolve at 3 a.m. The approvers group's members
 * are read each pass (membership changes while a worker runs).
 */
import { UserInputError } from "../errors.js";
import { tableQuery } from "../servicenow/query.js";
import { fieldValue, type TicketSystemClient } from "../servicenow/ticket-system.js";
import type { ServeConfig } from "./config.js";

export interface Directory {
  /** sys_id and user_name of the integration user tickets are assigned to. */
  readonly agent: { readonly sys_id: string; readonly user_name: string };
  /** Group name → sys_id, for every group the write-back may assign to. */
  readonly groups: ReadonlyMap<string, string>;
}

export async function loadDirectory(client: TicketSystemClient, config: ServeConfig): Promise<Directory> {
  const agentName = config.intake.agent_user;
  const users = await client.list("sys_user", {
    query: tableQuery("sys_user").where("user_name", "=", agentName).build(),
    fields: ["sys_id", "user_name"],
    maxRows: 1,
  });
  const agentId = users.records[0] ? fieldValue(users.records[0], "sys_id") : undefined;
  if (!agentId) throw new UserInputError(`serve.intake.agent_user: no user "${agentName}" on the instance`);

  const names = [
    ...new Set([config.write_back.default_escalation_group, ...Object.values(config.write_back.escalation_groups)]),
  ];
  const groups = new Map<string, string>();
  for (const name of names) groups.set(name, await groupSysId(client, name, "serve.write_back escalation group"));
  await groupSysId(client, config.review.approvers_group, "serve.review.approvers_group");

  await checkChoice(client, "close_code", config.write_back.close_code, "serve.write_back.close_code");
  await checkChoice(client, "hold_reason", config.write_back.hold_reason, "serve.write_back.hold_reason");
  return { agent: { sys_id: agentId, user_name: agentName }, groups };
}

async function groupSysId(client: TicketSystemClient, name: string, field: string): Promise<string> {
  const found = await client.list("sys_user_group", {
    query: tableQuery("sys_user_group").where("name", "=", name).build(),
    fields: ["sys_id"],
    maxRows: 2,
  });
  if (found.total > 1) throw new UserInputError(`${field}: more than one group is named "${name}"`);
  const sysId = found.records[0] ? fieldValue(found.records[0], "sys_id") : undefined;
  if (!sysId) throw new UserInputError(`${field}: no group "${name}" on the instance`);
  return sysId;
}

async function checkChoice(client: TicketSystemClient, element: string, value: string, field: string): Promise<void> {
  const found = await client.list("sys_choice", {
    query: tableQuery("sys_choice")
      .where("name", "=", "incident")
      .where("element", "=", element)
      .where("inactive", "=", "false")
      .build(),
    fields: ["value", "label"],
  });
  const values = found.records.map((record) => fieldValue(record, "value") ?? "");
  if (!values.includes(value)) {
    throw new UserInputError(
      `${field}: "${value}" is not an active ${element} choice (the instance has ${values.join(", ")})`,
    );
  }
}

/** user_names of the approvers group's members, read now. */
export async function approvers(client: TicketSystemClient, groupName: string): Promise<ReadonlySet<string>> {
  const members = await client.list("sys_user_grmember", {
    query: tableQuery("sys_user_grmember").where("group.name", "=", groupName).build(),
    fields: ["user.user_name"],
  });
  return new Set(members.records.map((record) => fieldValue(record, "user.user_name") ?? "").filter(Boolean));
}
