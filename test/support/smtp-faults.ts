import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Behaviour = "accept" | "refuse-permanently" | "refuse-for-now" | "drop-connection";

export interface ReceivedMail {
  to: string[];
  messageId: string | null;
  subject: string;
  text: string;
  attachments: { filename: string; content: string }[];
  /** The DSN parameters the client gave: envelope id and, per recipient, NOTIFY. */
  dsn: { envid: string | null; notify: string[] };
}

/**
 * A real SMTP server on loopback that offers DSN and behaves per recipient as the test says: accepts, refuses with
 * 550 or 451 at RCPT TO, or drops the connection in the middle of the message data.
 */
export async function startFaultySmtpServer(behaviour: (address: string) => Behaviour) {
  const received: ReceivedMail[] = [];
  let dropped = 0;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    hideDSN: false,
    logger: false,
    onRcptTo(address, _session, callback) {
      const b = behaviour(address.address);
      if (b === "refuse-permanently")
        return callback(Object.assign(new Error("5.1.1 Mottagaren finns inte"), { responseCode: 550 }));
      if (b === "refuse-for-now")
        return callback(Object.assign(new Error("4.2.1 Försök igen senare"), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      if (to.some((a) => behaviour(a) === "drop-connection")) {
        // Half the message is in when the server goes away.
        stream.once("data", () => {
          dropped++;
          for (const c of (
            server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
          ).connections)
            if (c.id === session.id) c._socket.destroy();
        });
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const parsed = await simpleParser(Buffer.concat(chunks));
        const envelope = session.envelope as unknown as {
          dsn?: { envid?: string };
          rcptTo: { dsn?: { notify?: string[] } }[];
        };
        received.push({
          to,
          messageId: parsed.messageId ?? null,
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          attachments: parsed.attachments.map((a) => ({
            filename: a.filename ?? "",
            content: a.content.toString("utf8"),
          })),
          dsn: {
            envid: envelope.dsn?.envid ?? null,
            notify: envelope.rcptTo.flatMap((r) => r.dsn?.notify ?? []),
          },
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    dropped: () => dropped,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
