import type Database from "better-sqlite3";

/** A message between agents, with the chain of agents it was sent on behalf of. */
export interface AgentMessage {
  id: number;
  at: string;
  from: string;
  to: string;
  type: string;
  body: string;
  /** Earlier senders whose request this message continues, oldest first. */
  chain: string[];
  status: "unread" | "acting" | "done";
}

/**
 * The message bus's SQLite storage. Reading a message puts its recipient in
 * `acting` state for it: until the recipient marks it done, every call the
 * recipient makes is also authorized against each agent in the message's
 * chain, so a message cannot borrow the recipient's wider permissions.
 */
export interface MessageStore {
  send(message: Omit<AgentMessage, "id" | "status">): AgentMessage;
  /** Unread messages for `agent`, marked as being acted on. */
  readInbox(agent: string, now: Date, limit?: number): AgentMessage[];
  done(agent: string, id: number, now: Date): boolean;
  /** Agents whose messages `agent` is acting on (senders and their chains). */
  actingOnBehalfOf(agent: string): string[];
  /** The chain a message sent by `agent` carries: what it is acting on, plus itself. */
  chainFor(agent: string): string[];
}

interface MessageRow {
  id: number;
  at: string;
  sender: string;
  recipient: string;
  type: string;
  body: string;
  chain: string;
  status: string;
}

function fromRow(row: MessageRow): AgentMessage {
  return {
    id: row.id,
    at: row.at,
    from: row.sender,
    to: row.recipient,
    type: row.type,
    body: row.body,
    chain: JSON.parse(row.chain) as string[],
    status: row.status as AgentMessage["status"],
  };
}

export function createMessageStore(db: Database.Database): MessageStore {
  const actingOnBehalfOf = (agent: string): string[] => {
    const rows = db
      .prepare<[string], MessageRow>(
        "SELECT * FROM messages WHERE recipient = ? AND status = 'acting'",
      )
      .all(agent);
    const agents = new Set<string>();
    for (const row of rows) {
      for (const member of [...(JSON.parse(row.chain) as string[]), row.sender]) {
        if (member !== agent) agents.add(member);
      }
    }
    return [...agents].sort();
  };
  const read = db.transaction((agent: string, now: Date, limit: number): AgentMessage[] => {
    const rows = db
      .prepare<[string, number], MessageRow>(
        "SELECT * FROM messages WHERE recipient = ? AND status = 'unread' ORDER BY id LIMIT ?",
      )
      .all(agent, limit);
    const mark = db.prepare("UPDATE messages SET status = 'acting', read_at = ? WHERE id = ?");
    for (const row of rows) mark.run(now.toISOString(), row.id);
    return rows.map((row) => ({ ...fromRow(row), status: "acting" as const }));
  });
  return {
    send(message) {
      const result = db
        .prepare(
          "INSERT INTO messages (at, sender, recipient, type, body, chain, status) VALUES (?, ?, ?, ?, ?, ?, 'unread')",
        )
        .run(
          message.at,
          message.from,
          message.to,
          message.type,
          message.body,
          JSON.stringify(message.chain),
        );
      return { ...message, id: Number(result.lastInsertRowid), status: "unread" };
    },
    readInbox: (agent, now, limit = 20) => read.immediate(agent, now, limit),
    done(agent, id, now) {
      const result = db
        .prepare(
          "UPDATE messages SET status = 'done', done_at = ? WHERE id = ? AND recipient = ? AND status = 'acting'",
        )
        .run(now.toISOString(), id, agent);
      return result.changes > 0;
    },
    actingOnBehalfOf,
    chainFor(agent) {
      return [...actingOnBehalfOf(agent), agent];
    },
  };
}
