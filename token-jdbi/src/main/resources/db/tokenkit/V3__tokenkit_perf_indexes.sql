-- TokenKit schema, version 3 (issue 14): indexes for "expiring within N days" and revoke-all on large tables.
-- Version 2 is reserved for the shared-secrets tables. Works on PostgreSQL 12+ and H2 2.x; idempotent.

-- "expiring within N days" filters status = 'ACTIVE' and a range of expires_at
CREATE INDEX IF NOT EXISTS ${tablePrefix}tokens_status_expires_idx ON ${tablePrefix}tokens (status, expires_at);
-- revoke-all: the owner's tokens that are not revoked yet
CREATE INDEX IF NOT EXISTS ${tablePrefix}tokens_owner_status_idx ON ${tablePrefix}tokens (owner, status);
