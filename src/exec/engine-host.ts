/** What the engine asks of the process around it: the parts that span threads and sockets. */
export interface EngineHost {
  /** DROP DATABASE: 3D000 if missing (false with ifExists), 55006 while other sessions use it. */
  dropTenant(
    name: string,
    ifExists: boolean,
    requester: { sessionId: number; database: string },
  ): Promise<boolean>;
  /**
   * pg_cancel_backend / pg_terminate_backend reached session pid (its running statement is already
   * interrupted): stop its waits, and for terminate end its connection.
   */
  signal(pid: number, terminate: boolean): void;
  /** A tenant's files were closed on this thread. */
  tenantClosed(name: string): void;
  /** LISTEN / UNLISTEN (channel undefined: all) of a session. */
  listen(pid: number, channel: string, on: boolean): void;
  unlistenAll(pid: number): void;
  /** Committed NOTIFYs of a session, for the listening sessions of its tenant. */
  notify(tenant: string, senderPid: number, notes: [channel: string, payload: string][]): void;
}

/** What one batch of messages left behind. */
export interface RunResult {
  status: "I" | "T" | "E";
  /** The session holds nothing on its thread (no transaction, portal or pending Sync): it may move. */
  movable: boolean;
  /** A FATAL error was sent: the connection is to end after this batch. */
  ended?: boolean;
  /** The session's settings, when a statement changed them. */
  settings?: [string, string][];
}

export interface OpenResult {
  /** ParameterStatus values for startup. */
  reported: [string, string][];
  /** The session's non-default settings. */
  settings: [string, string][];
}
