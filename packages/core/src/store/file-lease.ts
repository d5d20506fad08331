import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { type LeaseAttempt, type LeaseHolder, type LeaseOptions, newLeaseOwner } from "./lease.js";

/** What a lease file holds: who has it, and until when. */
interface LeaseFile {
  token: string;
  owner: string;
  pid: number;
  host: string;
  /** When the holding process started (epoch ms). */
  started?: number;
  expires_at: string;
}

const errno = (err: unknown) => (err as NodeJS.ErrnoException).code;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return errno(err) === "EPERM";
  }
}

async function readLease(file: string): Promise<LeaseFile | null> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<LeaseFile>;
    return typeof parsed.token === "string" ? (parsed as LeaseFile) : null;
  } catch (err) {
    if (errno(err) === "ENOENT") return null;
    // A lease file cut by a crash between create and write: nobody can prove they hold it.
    if (err instanceof SyntaxError) return { token: "", owner: "?", pid: 0, host: "", expires_at: "" };
    throw err;
  }
}

/** When this process started (epoch ms): with the pid, it tells this process from an earlier one. */
const STARTED = Math.round(Date.now() - process.uptime() * 1000);

/** Stale: past its expiry, or held by a process of this host that no longer exists. */
function stale(lease: LeaseFile, now = Date.now()): boolean {
  if (!lease.token) return true;
  const expires = Date.parse(lease.expires_at);
  if (!Number.isFinite(expires) || expires <= now) return true;
  if (lease.host !== hostname()) return false;
  // A restarted container may give this process the pid of the run that left the file.
  if (lease.pid === process.pid) return Math.abs((lease.started ?? STARTED) - STARTED) > 2000;
  return !alive(lease.pid);
}

/**
 * Removes a stale lease file so the next create can win. The file is moved aside first and
 * checked: when another process replaced it in between with a live lease, that lease is put back
 * (a hard link, which fails rather than overwrite a third holder's file).
 */
async function clearStale(file: string, seen: LeaseFile): Promise<void> {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    await rename(file, aside);
  } catch (err) {
    if (errno(err) === "ENOENT") return;
    throw err;
  }
  const moved = await readLease(aside);
  if (moved && moved.token !== seen.token && !stale(moved)) {
    await link(aside, file).catch(() => {});
  }
  await unlink(aside).catch(() => {});
}

/**
 * Creates the lease file complete or not at all: written aside, then hard-linked to its name,
 * which fails when the name exists (so nobody ever reads a lease half written).
 */
async function create(file: string, lease: LeaseFile): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, JSON.stringify(lease), { flag: "wx" });
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    if (errno(err) !== "EEXIST") throw err;
    return false;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/**
 * A lease as a file that only one process can create (a hard link fails on an existing name): whoever creates it holds the key. The holder
 * renews it by replacing the file (temporary file plus rename) and removes it on release; a file
 * past its expiry, or left by a dead process of this host, is taken over.
 */
export async function acquireFileLease(
  directory: string,
  file: string,
  key: string,
  options: LeaseOptions,
): Promise<LeaseAttempt> {
  await mkdir(directory, { recursive: true });
  const { owner, token } = newLeaseOwner();
  const content = (): LeaseFile => ({
    token,
    owner,
    pid: process.pid,
    host: hostname(),
    started: STARTED,
    expires_at: new Date(Date.now() + options.ttlMs).toISOString(),
  });
  // Two tries: the second after clearing a stale file, which another process may win instead.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await create(file, content())) {
      return { acquired: true, lease: fileLease(file, key, owner, token, content) };
    }
    const current = await readLease(file);
    if (current && !stale(current)) return { acquired: false, holder: holderOf(current) };
    if (current) await clearStale(file, current);
  }
  const current = await readLease(file);
  return { acquired: false, holder: current ? holderOf(current) : null };
}

function holderOf(lease: LeaseFile): LeaseHolder {
  return { owner: lease.owner, expires_at: lease.expires_at || undefined };
}

function fileLease(file: string, key: string, owner: string, token: string, content: () => LeaseFile) {
  const mine = async () => (await readLease(file))?.token === token;
  return {
    key,
    owner,
    async renew(): Promise<boolean> {
      if (!(await mine())) return false;
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      await writeFile(tmp, JSON.stringify(content()));
      await rename(tmp, file);
      return true;
    },
    async release(): Promise<void> {
      if (await mine()) await unlink(file).catch(() => {});
    },
  };
}
