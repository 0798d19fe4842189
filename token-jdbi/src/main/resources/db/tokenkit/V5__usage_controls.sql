-- TokenKit schema, version 5 (issue 18): usage controls. Version 4 is reserved for issue 19.
-- Works on PostgreSQL 12+ and H2 2.x; idempotent.

-- Bucket4j's table for Bucket4jRateLimiter (distributed rate limits on PostgreSQL): one row per bucket key,
-- the serialised bucket state and the epoch millisecond after which an idle, full bucket may be removed.
CREATE TABLE IF NOT EXISTS ${tablePrefix}rate_limits (
  id VARCHAR(300) NOT NULL,
  state BYTEA,
  expires_at BIGINT,
  CONSTRAINT ${tablePrefix}rate_limits_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${tablePrefix}rate_limits_expires_idx ON ${tablePrefix}rate_limits (expires_at);

-- Usage quotas: remaining uses (NULL = no quota), the amount a reset or refill restores, the refill schedule
-- (DAILY, MONTHLY or NULL) and when the quota was last set or refilled. Written only by setQuota and consumeUse.
ALTER TABLE ${tablePrefix}tokens ADD COLUMN IF NOT EXISTS remaining_uses BIGINT;
ALTER TABLE ${tablePrefix}tokens ADD COLUMN IF NOT EXISTS quota_amount BIGINT;
ALTER TABLE ${tablePrefix}tokens ADD COLUMN IF NOT EXISTS quota_refill VARCHAR(10);
ALTER TABLE ${tablePrefix}tokens ADD COLUMN IF NOT EXISTS quota_refilled_at TIMESTAMP(3) WITH TIME ZONE;

-- Lifecycle notices (EXPIRING_SOON per lead time, EXPIRED): one row per token, notice and expiry, inserted by the
-- node that delivers it; the primary key makes every other node's insert fail, so each notice goes out once.
CREATE TABLE IF NOT EXISTS ${tablePrefix}token_notices (
  token_id VARCHAR(64) NOT NULL,
  notice VARCHAR(32) NOT NULL,
  expires_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  claimed_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${tablePrefix}token_notices_pk PRIMARY KEY (token_id, notice, expires_at)
);

-- Imported keys (keys from another system that do not follow TokenKit's format): the index that finds them,
-- 'd:<Base64 SHA-256 of the key>' or 'p:<the key's own prefix>', unique; removed with its token.
CREATE TABLE IF NOT EXISTS ${tablePrefix}imported_keys (
  lookup VARCHAR(200) NOT NULL,
  token_id VARCHAR(64) NOT NULL,
  CONSTRAINT ${tablePrefix}imported_keys_pk PRIMARY KEY (lookup),
  CONSTRAINT ${tablePrefix}imported_keys_token_fk FOREIGN KEY (token_id) REFERENCES ${tablePrefix}tokens (id)
    ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ${tablePrefix}imported_keys_token_idx ON ${tablePrefix}imported_keys (token_id);
