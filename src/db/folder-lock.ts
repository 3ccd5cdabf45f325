import { randomUUID } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";

/**
 * One process per PGlite data folder. PGlite runs PostgreSQL in single-user mode inside the process and does not
 * stop a second process from opening the same folder; two processes writing one folder corrupt it (a unique
 * index pointing at another row). So whoever opens the folder first holds `<folder>.lock`, a file created with
 * O_EXCL that names its process. A holder that died without removing it (SIGKILL, power loss) leaves a stale
 * lock: its pid no longer runs (`process.kill(pid, 0)`), or, on Linux, runs but is another process started at
 * another time (the pid was reused), or is this very process without holding it (a restarted container's pid 1).
 */
export interface FolderLock {
  readonly path: string;
  release(): void;
}

export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock, ISO 8601. */
  since: string;
  /** The holder's command line, to say which program holds the folder. */
  command: string;
  /** The holder's start time from /proc/<pid>/stat, to tell a reused pid from the holder. Linux only. */
  processStart: string | null;
  token: string;
}

/** The folder is open in another process: the message says which and what to do. */
export class FolderInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder | null,
  ) {
    super(inUseMessage(folder, holder));
    this.name = "FolderInUseError";
  }
}

function inUseMessage(folder: string, holder: LockHolder | null): string {
  const who = holder
    ? `process ${holder.pid}${holder.host !== hostname() ? ` på datorn ${holder.host}` : ""}, sedan ${holder.since}` +
      (holder.command ? `: ${holder.command}` : "")
    : "en annan process";
  return [
    `Datamappen ${folder} används redan (${who}).`,
    "Den inbyggda databasen (PGlite) kan bara vara öppen i en process åt gången; två processer i samma mapp förstör databasen.",
    "Gör så här:",
    "  – skapa och ändra konton på adminsidan /admin/konton i den Paragraf som redan kör, eller",
    "  – stoppa servern (Ctrl+C eller SIGTERM) och kör kommandot igen, eller",
    "  – kör Paragraf på en PostgreSQL-server (DATABASE_URL), där servern och kommandona kan arbeta samtidigt.",
  ].join("\n");
}

/** Locks held by this process, so that the same process opening a folder twice is refused too. */
const held = new Map<string, string>();

/** Takes the lock of `folder` or throws FolderInUseError; the lock is also released when the process exits. */
export function lockFolder(folder: string): FolderLock {
  const path = `${resolve(folder)}.lock`;
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command: process.argv.slice(1).join(" ").slice(0, 300),
    processStart: processStart(process.pid),
    token: randomUUID(),
  };
  const alreadyMine = held.get(path);
  if (alreadyMine) throw new FolderInUseError(resolve(folder), readHolder(path) ?? null);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, `${JSON.stringify(mine)}\n`)) {
      held.set(path, mine.token);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        held.delete(path);
        if (readHolder(path)?.token === mine.token) unlinkQuietly(path);
      };
      process.on("exit", release);
      return { path, release };
    }
    const holder = readHolder(path);
    if (holder === undefined) continue; // removed between our attempt and the read: try again
    if (holder && isAlive(holder)) throw new FolderInUseError(resolve(folder), holder);
    removeStale(path, holder);
  }
  throw new FolderInUseError(resolve(folder), readHolder(path) ?? null);
}

/** Creates the file only if it does not exist (O_EXCL), with its content on disk; false when it exists. */
function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The holder named in the lock file; null when the file cannot be understood, undefined when it is gone. */
function readHolder(path: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as LockHolder;
    return Number.isInteger(parsed.pid) && typeof parsed.token === "string" ? parsed : null;
  } catch {
    // A holder killed between creating the file and writing it leaves it empty or cut off.
    return null;
  }
}

/** Whether the process named by the lock still runs. A holder on another computer is taken to run. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return [...held.values()].includes(holder.token);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const start = processStart(holder.pid);
  return !(start && holder.processStart && start !== holder.processStart);
}

/**
 * Removes a stale lock without removing a fresh one that another process took in the meantime: the file is moved
 * aside atomically, and if what was moved is not the stale lock that was judged, it is put back.
 */
function removeStale(path: string, judged: LockHolder | null) {
  const aside = `${path}.${process.pid}.${randomUUID()}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = readHolder(aside);
  if (judged && moved && moved.token !== judged.token) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone took the lock meanwhile; theirs stands, and the next attempt reads it.
    }
  }
  unlinkQuietly(aside);
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. Null off Linux. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function unlinkQuietly(path: string) {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
