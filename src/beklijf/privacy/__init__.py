"""Privacy by design: the audit log, data subject rights (export, erasure) and retention periods."""
