import type { Sequelize } from 'sequelize';
import firstAdminCreator, { isSetupTokenUsable, issueSetupToken, type NewAccount } from './first-admin.ts';
import type { StaffView } from './presenters.ts';
import { endSession, resolveSession, startSession } from './sessions.ts';
import signInChecker from './sign-in.ts';

export { can, type Permission } from './policy.ts';
export { newAccountSchema, SetupRefusedError, type NewAccount } from './first-admin.ts';
export type { StaffView } from './presenters.ts';
export { ABSOLUTE_TIMEOUT_MS } from './sessions.ts';

/** Staff accounts and sessions, as the transports (pages, API routes, sockets) call them. */
export interface Accounts {
  signIn(email: string, password: string): Promise<StaffView | undefined>;
  startSession(userId: number): Promise<{ token: string; expiresAt: Date }>;
  resolveSession(token: string | undefined): Promise<StaffView | undefined>;
  endSession(token: string | undefined): Promise<void>;
  issueSetupToken(): Promise<string | undefined>;
  isSetupTokenUsable(token: string): Promise<boolean>;
  createFirstAdmin(token: string, account: NewAccount): Promise<StaffView>;
}

export function createAccounts(sequelize: Sequelize): Accounts {
  return {
    signIn: signInChecker,
    startSession: (userId) => startSession(userId),
    resolveSession: (token) => resolveSession(token),
    endSession,
    issueSetupToken: () => issueSetupToken(),
    isSetupTokenUsable: (token) => isSetupTokenUsable(token),
    createFirstAdmin: (token, account) => firstAdminCreator(sequelize, token, account),
  };
}
