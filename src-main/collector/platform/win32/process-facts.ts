/**
 * What is read once per process identity (pid + start time), never per tick: the account it runs
 * as, its executable's path, its command line, whether it is critical, and its executable's
 * description and publisher (version resource, cached per path: many processes share one file).
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

const NO_FACTS: ProcessFacts = { user: null, exePath: null, commandLine: null, description: null, publisher: null, isCritical: false };

export class ProcessFactsCache {
  private readonly byIdentity = new Map<string, ProcessFacts>();
  private readonly versionByPath = new Map<string, { description: string | null; publisher: string | null }>();
  private readonly userBySid = new Map<string, string | null>();
  private readonly pathScratch = Buffer.alloc(PATH_BUFFER_BYTES);
  private readonly tokenScratch = Buffer.alloc(TOKEN_BUFFER_BYTES);
  private readonly commandLineBuffer = new QueryBuffer(4096);
  private readonly api: Win32Api;

  constructor(api: Win32Api) {
    this.api = api;
  }

  /** The facts of a process, read on its first sight; `seen` collects the identities alive this tick. */
  get(pid: number, startTimeMs: number, seen: Set<string>): ProcessFacts {
    const key = `${pid}:${startTimeMs}`;
    seen.add(key);
    let facts = this.byIdentity.get(key);
    if (!facts) {
      facts = this.read(pid);
      this.byIdentity.set(key, facts);
    }
    return facts;
  }

  /** Forgets the identities not seen this tick (they exited, or their pid now names another process). */
  retain(seen: ReadonlySet<string>): void {
    for (const key of this.byIdentity.keys()) if (!seen.has(key)) this.byIdentity.delete(key);
    if (this.versionByPath.size > MAX_VERSION_ENTRIES) this.versionByPath.clear();
  }

  private read(pid: number): ProcessFacts {
    const handle = this.api.openProcess(PROCESS_QUERY_LIMITED_INFORMATION, pid);
    if (!handle) return NO_FACTS;
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
