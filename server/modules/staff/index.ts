// The staff module's public face: other modules import only from here.
export { recordAudit, type AuditEntry } from './audit'
export { adminOf, CLI_ACTOR, SYSTEM_ACTOR, TOKEN_IDENTITY, type AdminIdentity, type AuditActor } from './identity'
export { staffService, type StaffService } from './service'
export { staffAdminRoutes, staffSessionRoutes } from './routes'
export { adminPasswordFile, consoleBannerLine, ensureSandboxOwner } from './sandbox-owner'
export { runStaffCli } from './cli'
