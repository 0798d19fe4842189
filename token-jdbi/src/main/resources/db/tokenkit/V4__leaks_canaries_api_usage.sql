-- TokenKit schema, version 4 (issue 19): canary tokens and the last use of each API per token (the unused-access
-- report). Works on PostgreSQL 12+ and H2 2.x; idempotent, like the earlier versions.

-- a canary (honeytoken) is never accepted; every presentation is audited as CANARY_TRIGGERED
ALTER TABLE ${tablePrefix}tokens ADD COLUMN IF NOT EXISTS canary BOOLEAN DEFAULT FALSE NOT NULL;

-- per token and API, the latest successful use (written behind, at most one write per token and API per flush)
CREATE TABLE IF NOT EXISTS ${tablePrefix}token_api_usage (
  token_id VARCHAR(64) NOT NULL,
  api VARCHAR(64) NOT NULL,
  last_used_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${tablePrefix}token_api_usage_pk PRIMARY KEY (token_id, api),
  CONSTRAINT ${tablePrefix}token_api_usage_token_fk FOREIGN KEY (token_id) REFERENCES ${tablePrefix}tokens (id) ON DELETE CASCADE
);
