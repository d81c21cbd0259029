/** Creating and dropping tenants, which may involve other threads: the host decides how. */
export interface TenantAdmin {
  /** CREATE DATABASE: 42P04 if it exists. */
  create(name: string): Promise<void>;
  /** DROP DATABASE: 3D000 if missing (unless ifExists, which returns false), 55006 while in use. */
  drop(name: string, ifExists: boolean, requester: { sessionId: number; database: string }): Promise<boolean>;
}
