// The editor keeps the audit log's key in SecretStorage under this id; the engine asks for it with
// auth/secret, and the editor creates it (32 random bytes, hex) the first time it is asked.
export const AUDIT_KEY_SECRET_ID = 'crosswind.audit.hmacKey';
