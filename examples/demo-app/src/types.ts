export interface User {
  id: string;
  name: string;
}

export type Role = 'admin' | 'member';

export class AuditLog {
  readonly entries: string[] = [];
  add(entry: string): void {
    this.entries.push(entry);
  }
}
