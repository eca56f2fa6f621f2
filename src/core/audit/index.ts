// The audit log, for the engine and the front ends: record events, verify a log, show it readably.
export * from './types';
export { canonicalJson } from './canonical-json';
export { GENESIS_HASH, digestArguments, parseAuditLine, recordHash, recordLine } from './record';
export { HashChainAuditLog, AuditLogDamagedError, type HashChainAuditLogOptions } from './audit-log';
export { verifyAuditLog, verifyAuditText, type AuditProblem, type AuditVerification, type VerifyOptions } from './verify';
export { describeAuditEvent, describeAuditRecord } from './describe';
