// Users: `User` and `Role` are only types here; `AuditLog` is a value (it is constructed).
import { AuditLog, Role, User } from './types.js';
import { currentRequestId } from './request-context.js';

const audit = new AuditLog();

export function describeUser(user: User, role: Role): string {
  audit.add(`${currentRequestId()}: described ${user.id}`);
  return `${user.name} (${role})`;
}
