/**
 * What is read once per process identity (pid + start time), not per tick: the account it runs
 * as, its executable's path, its command line, whether it is critical, and its executable's
 * description and publisher (version resource, cached per path: many processes share one file).
 * A process seen while it is still starting may not answer yet (OpenProcess fails, its command
 * line or token is not there): what is missing is asked again on up to MAX_REREADS later ticks,
 * then kept as it is (another user's process stays unreadable without elevation; asking it every
 * tick forever would buy nothing).
 *
 * The command line comes from NtQueryInformationProcess(ProcessCommandLineInformation): one call on
 * the handle already open for the rest, synchronous (the sampler is), untruncated, and it works for
 * 32- and 64-bit targets alike. `@vscode/windows-process-tree` is asynchronous, cuts command lines at
 * 512 characters and would walk every process again; reading the PEB ourselves would need
 * PROCESS_VM_READ and a 32/64-bit layout of its own.
 */
import { sidToString } from './security-id.ts';
import type { Handle, Win32Api } from './win32-api.ts';
import { QueryBuffer, queryCommandLine, queryImagePath, queryTokenUserSid, queryVersionStrings } from './win32-queries.ts';

export interface ProcessFacts {
  user: string | null;
  exePath: string | null;
  commandLine: string | null;
  description: string | null;
  publisher: string | null;
  isCritical: boolean;
}

/** The least access that answers every query here, granted even for most protected processes. */
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
/** Paths are at most 32,767 UTF-16 characters. */
const PATH_BUFFER_BYTES = 32_768 * 2;
const TOKEN_BUFFER_BYTES = 256;
/** The version cache is cleared past this many paths (the live processes' paths refill it). */
const MAX_VERSION_ENTRIES = 4096;

/** How many later ticks re-read the facts of a process while some are missing. */
export const MAX_REREADS = 3;
/** The kernel's System process: no image file, no command line, nothing more comes by asking again. */
const SYSTEM_PID = 4;

const NO_FACTS: ProcessFacts = { user: null, exePath: null, commandLine: null, description: null, publisher: null, isCritical: false };

interface CachedFacts {
  facts: ProcessFacts;
  rereadsLeft: number;
}

const isComplete = (facts: ProcessFacts) => facts.user !== null && facts.exePath !== null && facts.commandLine !== null;

/** What was known, with the gaps filled from a later read (null: that read could not open the process). */
function merged(known: ProcessFacts, fresh: ProcessFacts | null): ProcessFacts {
  if (!fresh) return known;
  return {
    user: known.user ?? fresh.user,
    exePath: known.exePath ?? fresh.exePath,
    commandLine: known.commandLine ?? fresh.commandLine,
    description: known.description ?? fresh.description,
    publisher: known.publisher ?? fresh.publisher,
    isCritical: known.isCritical || fresh.isCritical,
  };
}

export class ProcessFactsCache {
  private readonly byIdentity = new Map<string, CachedFacts>();
  private readonly versionByPath = new Map<string, { description: string | null; publisher: string | null }>();
  private readonly userBySid = new Map<string, string | null>();
  private readonly pathScratch = Buffer.alloc(PATH_BUFFER_BYTES);
  private readonly tokenScratch = Buffer.alloc(TOKEN_BUFFER_BYTES);
  private readonly commandLineBuffer = new QueryBuffer(4096);
  private readonly api: Win32Api;

  constructor(api: Win32Api) {
    this.api = api;
  }

  /**
   * The facts of a process, read on its first sight and, while some are missing, again on up to
   * MAX_REREADS later calls; `seen` collects the identities alive this tick.
   */
  get(pid: number, startTimeMs: number, seen: Set<string>): ProcessFacts {
    const key = `${pid}:${startTimeMs}`;
    seen.add(key);
    const cached = this.byIdentity.get(key);
    if (cached && (cached.rereadsLeft === 0 || isComplete(cached.facts))) return cached.facts;
    const fresh = this.read(pid);
    const facts = cached ? merged(cached.facts, fresh) : (fresh ?? NO_FACTS);
    const rereadsLeft = cached ? cached.rereadsLeft - 1 : pid === SYSTEM_PID ? 0 : MAX_REREADS;
    this.byIdentity.set(key, { facts, rereadsLeft });
    return facts;
  }

  /** Forgets the identities not seen this tick (they exited, or their pid now names another process). */
  retain(seen: ReadonlySet<string>): void {
    for (const key of this.byIdentity.keys()) if (!seen.has(key)) this.byIdentity.delete(key);
    if (this.versionByPath.size > MAX_VERSION_ENTRIES) this.versionByPath.clear();
  }

  /** Null when the process can't be opened (yet, or at all). */
  private read(pid: number): ProcessFacts | null {
    const handle = this.api.openProcess(PROCESS_QUERY_LIMITED_INFORMATION, pid);
    if (!handle) return null;
    try {
      const exePath = queryImagePath(this.api, handle, this.pathScratch);
      const version = exePath ? this.version(exePath) : { description: null, publisher: null };
      return {
        user: this.user(handle),
        exePath,
        commandLine: queryCommandLine(this.api, handle, this.commandLineBuffer),
        description: version.description,
        publisher: version.publisher,
        isCritical: this.api.isProcessCritical(handle) === true,
      };
    } finally {
      this.api.closeHandle(handle);
    }
  }

  private user(handle: Handle): string | null {
    const sid = queryTokenUserSid(this.api, handle, this.tokenScratch);
    const text = sid ? sidToString(sid) : null;
    if (!sid || text === null) return null;
    let name = this.userBySid.get(text);
    if (name === undefined) {
      name = this.api.lookupAccountName(sid);
      this.userBySid.set(text, name);
    }
    return name;
  }

  private version(path: string): { description: string | null; publisher: string | null } {
    const key = path.toLowerCase();
    let version = this.versionByPath.get(key);
    if (!version) {
      version = queryVersionStrings(this.api, path);
      this.versionByPath.set(key, version);
    }
    return version;
  }
}
