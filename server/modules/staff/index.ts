// The staff module's public face: other modules import only from here.
export { recordAudit, type AuditEntry } from './audit'
export { TOKEN_IDENTITY, type AdminIdentity } from './identity'
