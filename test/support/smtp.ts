import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  raw: string;
  messageId: string | null;
  /** Decoded subject and plain text, as the recipient reads them. */
  subject: string;
  text: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives, for asserting what actually arrived. `delayMs`: how long the server takes over each message before it accepts it, as a busy relay does.
 */
export async function startSmtpServer(options: { delayMs?: number } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        const parsed = await simpleParser(raw);
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: parsed.messageId ?? null,
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
