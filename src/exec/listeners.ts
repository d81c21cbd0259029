/**
 * LISTEN / NOTIFY across the sessions of a tenant, whatever thread runs them: who listens on what,
 * and whom a committed NOTIFY reaches.
 */
export class Listeners {
  /** tenant -> channel -> listening process IDs. */
  private readonly channels = new Map<string, Map<string, Set<number>>>();
  private readonly tenantOf = new Map<number, string>();

  constructor(
    /** Hands a notification to the client connection of pid. */
    private readonly deliver: (pid: number, channel: string, payload: string, sender: number) => void,
  ) {}

  listen(tenant: string, pid: number, channel: string, on: boolean): void {
    const byChannel = this.channels.get(tenant) ?? new Map<string, Set<number>>();
    this.channels.set(tenant, byChannel);
    const pids = byChannel.get(channel) ?? new Set<number>();
    byChannel.set(channel, pids);
    if (on) {
      pids.add(pid);
      this.tenantOf.set(pid, tenant);
    } else pids.delete(pid);
  }

  unlistenAll(pid: number): void {
    const tenant = this.tenantOf.get(pid);
    if (tenant === undefined) return;
    this.tenantOf.delete(pid);
    for (const pids of this.channels.get(tenant)?.values() ?? []) pids.delete(pid);
  }

  notify(tenant: string, sender: number, notes: [string, string][]): void {
    const byChannel = this.channels.get(tenant);
    if (!byChannel) return;
    for (const [channel, payload] of notes) {
      for (const pid of byChannel.get(channel) ?? []) this.deliver(pid, channel, payload, sender);
    }
  }
}
