import type { Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { EventBus } from '../events.ts';
import type { Role } from '../models/user.ts';
import { activationChanger, findUsableInvite, inviteAccepter, listStaff, rolesChanger, staffInviter, type inviteSchema, type joinSchema } from './staff-management.ts';
import { findUsablePasswordReset, passwordResetRequester, passwordResetter, type resetPasswordSchema } from './password-reset.ts';
import firstAdminCreator, { isSetupTokenUsable, issueSetupToken, type NewAccount } from './first-admin.ts';
import type { StaffView } from './presenters.ts';
import profileUpdater, { type Profile } from './profile-updater.ts';
import { endSession, resolveSession, startSession } from './sessions.ts';
import signInChecker from './sign-in.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { accessTokenCreator, accessTokenRevoker, listAccessTokens, resolveAccessToken, type AccessTokenInput, type AccessTokenView, type TokenHolder } from './access-tokens.ts';

export { API_SCOPES, can, tokenAllows, type ApiScope, type Permission } from './policy.ts';
export { AccessTokenRefusedError, accessTokenSchema, type AccessTokenInput, type AccessTokenView, type TokenHolder } from './access-tokens.ts';
export { newAccountSchema, SetupRefusedError, type NewAccount } from './first-admin.ts';
export type { StaffView } from './presenters.ts';
export { inviteSchema, joinSchema, rolesSchema, StaffChangeRefusedError } from './staff-management.ts';
export { ABSOLUTE_TIMEOUT_MS } from './sessions.ts';
export { forgotPasswordSchema, PasswordResetRefusedError, resetPasswordSchema } from './password-reset.ts';
export { joinUrl } from './links.ts';
export { profileSchema, type Profile } from './profile-updater.ts';

/** Staff accounts and sessions, as the transports (pages, API routes, sockets) call them. */
export interface Accounts {
  signIn(email: string, password: string): Promise<StaffView | undefined>;
  /** Signs a staff member in: a new session, recorded in the audit log. */
  startSession(staff: StaffView): Promise<{ token: string; expiresAt: Date }>;
  /** `touch: false` checks without counting as activity (background re-checks). */
  resolveSession(token: string | undefined, options?: { touch?: boolean }): Promise<StaffView | undefined>;
  /** Signs out: the session is deleted server-side, recorded in the audit log. */
  endSession(token: string | undefined, staff?: StaffView): Promise<void>;
  issueSetupToken(): Promise<string | undefined>;
  isSetupTokenUsable(token: string): Promise<boolean>;
  createFirstAdmin(token: string, account: NewAccount): Promise<StaffView>;
  /** Creates an invitation and emails its link; returns the token, to show the link to the admin too. */
  invite(actor: StaffView, input: z.infer<typeof inviteSchema>): Promise<string>;
  findUsableInvite(token: string): Promise<{ email: string; roles: Role[] } | undefined>;
  acceptInvite(token: string, input: z.infer<typeof joinSchema>): Promise<StaffView>;
  changeRoles(actor: StaffView, userId: number, roles: Role[]): Promise<void>;
  setActive(actor: StaffView, userId: number, active: boolean): Promise<void>;
  listStaff(): Promise<StaffView[]>;
  /** Mails a one-time reset link to the active account with this email, if there is one; tells nothing either way. */
  requestPasswordReset(email: string): Promise<void>;
  findUsablePasswordReset(token: string): Promise<{ email: string } | undefined>;
  /** Sets a new password with a reset link; every session of that account ends. */
  resetPassword(token: string, input: z.infer<typeof resetPasswordSchema>): Promise<StaffView>;
  /** The signed-in staff member changes their own name and, optionally, avatar (image bytes). */
  updateProfile(actor: StaffView, profile: Profile, avatar?: Buffer): Promise<StaffView>;
  /** A personal access token for the REST API, returned once (only its hash is kept); audited. */
  createAccessToken(actor: StaffView, input: AccessTokenInput): Promise<{ token: string; view: AccessTokenView }>;
  listAccessTokens(userId: number): Promise<AccessTokenView[]>;
  /** Revokes one of the actor's own tokens; audited. */
  revokeAccessToken(actor: StaffView, tokenId: number): Promise<void>;
  /** The holder of a bearer token, or undefined (unknown, revoked, expired, owner deactivated). */
  resolveAccessToken(token: string | undefined): Promise<TokenHolder | undefined>;
}

/** `publicUrl` is the origin of the links that staff receive by email. */
export function createAccounts(sequelize: Sequelize, events: EventBus, mediaDir: string, publicUrl: string): Accounts {
  return {
    signIn: signInChecker,
    async startSession(staff) {
      const session = await startSession(staff.id);
      await recordAudit({ actor: staff, action: 'auth.sign_in', summary: `${staff.email} signed in` });
      return session;
    },
    resolveSession: (token, options) => resolveSession(token, new Date(), options?.touch ?? true),
    async endSession(token, staff) {
      await endSession(token);
      if (!staff) return;
      await recordAudit({ actor: staff, action: 'auth.sign_out', summary: `${staff.email} signed out` });
      events.emit('staff.signed_out', { userId: staff.id });
    },
    issueSetupToken: () => issueSetupToken(),
    isSetupTokenUsable: (token) => isSetupTokenUsable(token),
    createFirstAdmin: (token, account) => firstAdminCreator(sequelize, token, account),
    invite: (actor, input) => staffInviter(sequelize, publicUrl, actor, input),
    findUsableInvite: (token) => findUsableInvite(token),
    acceptInvite: (token, input) => inviteAccepter(sequelize, token, input),
    changeRoles: (actor, userId, roles) => rolesChanger(sequelize, actor, userId, roles),
    setActive: (actor, userId, active) => activationChanger(sequelize, actor, userId, active),
    listStaff,
    requestPasswordReset: (email) => passwordResetRequester(sequelize, publicUrl, email),
    findUsablePasswordReset: (token) => findUsablePasswordReset(token),
    resetPassword: (token, input) => passwordResetter(sequelize, token, input),
    updateProfile: (actor, profile, avatar) => profileUpdater({ sequelize, events, mediaDir, actor, profile, ...(avatar ? { avatar } : {}) }),
    createAccessToken: (actor, input) => accessTokenCreator(sequelize, actor, input),
    listAccessTokens: (userId) => listAccessTokens(userId),
    revokeAccessToken: (actor, tokenId) => accessTokenRevoker(sequelize, actor, tokenId),
    resolveAccessToken: (token) => resolveAccessToken(token),
  };
}
