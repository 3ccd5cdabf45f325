import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

// Paragraf as an operator runs it: `src/main.ts` in a process of its own, on a PGlite folder or a PostgreSQL
// server, with its job worker mailing through SMTP. The crash tests kill it with SIGKILL and start it again.

const main = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

export interface ParagrafProcess {
  name: string;
  base: string;
  child: ChildProcess;
  /** The log's lines so far (JSON, one per line). */
  lines: string[];
  /** Killed at once, as a crash or `kill -9` would: no shutdown, no flush. */
  kill(): Promise<void>;
  /** SIGTERM: the orderly stop, which waits for the jobs in hand. */
  stop(): Promise<void>;
}

export async function startParagraf(name: string, env: Record<string, string>): Promise<ParagrafProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      PARAGRAF_EXAMPLE: "off",
      PARAGRAF_JOB_INTERVAL_MS: "100",
      // Longer than a batch of letters takes on a loaded machine, shorter than the wait for a restart.
      PARAGRAF_JOB_LEASE_SECONDS: "10",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    errors += String(chunk);
  });
  let partial = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s: ${errors}`)), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${errors}`));
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = partial + String(chunk);
      const parts = text.split("\n");
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const match = /"port":(\d+)/.exec(line);
        if (match && line.includes("svarar")) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      }
    });
  });
  child.removeAllListeners("exit");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    base: `http://127.0.0.1:${port}`,
    child,
    lines,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** How many jobs a process's worker reported done, from its "jobs run" log lines. */
export function jobsDone(p: ParagrafProcess): number {
  let done = 0;
  for (const line of p.lines) {
    if (!line.includes('"jobs run"')) continue;
    done += Number(/"done":(\d+)/.exec(line)?.[1] ?? 0);
  }
  return done;
}
