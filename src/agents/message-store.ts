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
  /** `done`: the recipient says it has handled it, which ends no delegation. */
  status: "unread" | "acting" | "done";
  /** Once read: when the delegation it imposes lapses, unless the reader's session ends first. */
  deadline?: string;
}

/**
 * The message bus's SQLite storage. Reading a message makes its recipient
 * act on its senders' behalf: every call the recipient makes is also
 * authorized against each agent in the message's chain, so a message cannot
 * borrow the recipient's wider permissions. That delegation lasts until the
 * message's deadline or until the bus session that read it ends, whichever
 * comes first. Marking the message done does not end it: the request is
 * still in the reader's context, and so is what it asked for.
 */
export interface MessageStore {
  send(message: Omit<AgentMessage, "id" | "status" | "deadline">): AgentMessage;
  /** Unread messages for `agent`, now acted on by `session` until their deadline. */
  readInbox(agent: string, options: { now: Date; session: string; limit?: number }): AgentMessage[];
  /** The recipient's note that it handled the message; the delegation goes on. */
  done(agent: string, id: number, now: Date): boolean;
  /** The reading session ended (its bus connection closed): its delegations end with it. */
  endSession(session: string, now: Date): number;
  /**
   * Agents whose messages `agent` acts on at `now` (senders and their
   * chains). `now` defaults to the clock, as the hook and daemon ask it.
   */
  actingOnBehalfOf(agent: string, now?: Date): string[];
  /** The chain a message sent by `agent` carries: what it is acting on, plus itself. */
  chainFor(agent: string, now?: Date): string[];
}

/** How long a delegation lasts after its message is read, when no session end comes first. */
export const DELEGATION_HOURS = 24;

interface MessageRow {
  id: number;
  at: string;
  sender: string;
  recipient: string;
  type: string;
  body: string;
  chain: string;
  status: string;
  deadline: string | null;
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
    ...(row.deadline ? { deadline: row.deadline } : {}),
  };
}

/**
 * The store on jig's database (migrations 4 and 6).
 *
 * @example
 * const messages = createMessageStore(db);
 * messages.readInbox("coder", { now, session: "bus-1" });
 * messages.actingOnBehalfOf("coder", now) // ["ops"]
 */
export function createMessageStore(
  db: Database.Database,
  options: { delegationHours?: number } = {},
): MessageStore {
  const windowMs = (options.delegationHours ?? DELEGATION_HOURS) * 3_600_000;
  // Asked on every guarded call of every agent: prepared once, and served
  // by the partial index of live delegations (migration 6).
  const delegating = db.prepare<[string, string], { sender: string; chain: string }>(
    `SELECT sender, chain FROM messages
     WHERE recipient = ? AND read_at IS NOT NULL AND ended_at IS NULL AND deadline > ?`,
  );
  const actingOnBehalfOf = (agent: string, now: Date = new Date()): string[] => {
    const agents = new Set<string>();
    for (const row of delegating.all(agent, now.toISOString())) {
      for (const member of [...(JSON.parse(row.chain) as string[]), row.sender]) {
        if (member !== agent) agents.add(member);
      }
    }
    return [...agents].sort();
  };
  const read = db.transaction(
    (agent: string, now: Date, session: string, limit: number): AgentMessage[] => {
      const rows = db
        .prepare<[string, number], MessageRow>(
          "SELECT * FROM messages WHERE recipient = ? AND status = 'unread' ORDER BY id LIMIT ?",
        )
        .all(agent, limit);
      const deadline = new Date(now.getTime() + windowMs).toISOString();
      const mark = db.prepare(
        "UPDATE messages SET status = 'acting', read_at = ?, session = ?, deadline = ? WHERE id = ?",
      );
      for (const row of rows) mark.run(now.toISOString(), session, deadline, row.id);
      return rows.map((row) => ({ ...fromRow(row), status: "acting" as const, deadline }));
    },
  );
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
    readInbox: (agent, { now, session, limit = 20 }) => read.immediate(agent, now, session, limit),
    done(agent, id, now) {
      const result = db
        .prepare(
          "UPDATE messages SET status = 'done', done_at = ? WHERE id = ? AND recipient = ? AND status = 'acting'",
        )
        .run(now.toISOString(), id, agent);
      return result.changes > 0;
    },
    endSession(session, now) {
      return db
        .prepare("UPDATE messages SET ended_at = ? WHERE session = ? AND ended_at IS NULL")
        .run(now.toISOString(), session).changes;
    },
    actingOnBehalfOf,
    chainFor(agent, now) {
      return [...actingOnBehalfOf(agent, now), agent];
    },
  };
}
