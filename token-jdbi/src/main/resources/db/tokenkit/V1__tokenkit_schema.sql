-- TokenKit schema, version 1. Works on PostgreSQL 12+ and H2 2.x.
-- ${tablePrefix} is the table-name prefix (default tokenkit_). Flyway and Liquibase substitute it as a
-- placeholder / changelog property; JdbiTokenStore.migrate() substitutes it itself.
-- Statements are idempotent (IF NOT EXISTS) so a half-applied run can be repeated.

CREATE TABLE IF NOT EXISTS ${tablePrefix}tokens (
  id VARCHAR(64) NOT NULL,
  token_prefix VARCHAR(64) NOT NULL,
  name VARCHAR(100) NOT NULL,
  description VARCHAR(1000),
  owner VARCHAR(200) NOT NULL,
  role_name VARCHAR(64),
  status VARCHAR(16) NOT NULL,
  created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP(3) WITH TIME ZONE,
  secret_hash VARCHAR(2000) NOT NULL,
  previous_secret_hash VARCHAR(2000),
  previous_secret_valid_until TIMESTAMP(3) WITH TIME ZONE,
  last_used_at TIMESTAMP(3) WITH TIME ZONE,
  last_used_ip VARCHAR(128),
  version BIGINT NOT NULL,
  CONSTRAINT ${tablePrefix}tokens_pk PRIMARY KEY (id),
  CONSTRAINT ${tablePrefix}tokens_owner_name_uk UNIQUE (owner, name)
);

-- listing newest first (keyset paging), all tokens and per owner
CREATE INDEX IF NOT EXISTS ${tablePrefix}tokens_created_idx ON ${tablePrefix}tokens (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${tablePrefix}tokens_owner_created_idx ON ${tablePrefix}tokens (owner, created_at DESC, id DESC);
-- "expiring within N days"
CREATE INDEX IF NOT EXISTS ${tablePrefix}tokens_expires_idx ON ${tablePrefix}tokens (expires_at);

CREATE TABLE IF NOT EXISTS ${tablePrefix}token_grants (
  token_id VARCHAR(64) NOT NULL,
  api VARCHAR(64) NOT NULL,
  access_level VARCHAR(8) NOT NULL,
  CONSTRAINT ${tablePrefix}token_grants_pk PRIMARY KEY (token_id, api),
  CONSTRAINT ${tablePrefix}token_grants_token_fk FOREIGN KEY (token_id) REFERENCES ${tablePrefix}tokens (id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS ${tablePrefix}token_ip_ranges (
  token_id VARCHAR(64) NOT NULL,
  pos INTEGER NOT NULL,
  cidr VARCHAR(64) NOT NULL,
  CONSTRAINT ${tablePrefix}token_ip_ranges_pk PRIMARY KEY (token_id, pos),
  CONSTRAINT ${tablePrefix}token_ip_ranges_token_fk FOREIGN KEY (token_id) REFERENCES ${tablePrefix}tokens (id) ON DELETE CASCADE
);

-- audit events outlive their token: no foreign key
CREATE TABLE IF NOT EXISTS ${tablePrefix}audit_events (
  id VARCHAR(64) NOT NULL,
  event_type VARCHAR(32) NOT NULL,
  token_id VARCHAR(64) NOT NULL,
  actor VARCHAR(1000) NOT NULL,
  actor_ip VARCHAR(128),
  occurred_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  detail VARCHAR(1000),
  CONSTRAINT ${tablePrefix}audit_events_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${tablePrefix}audit_events_at_idx ON ${tablePrefix}audit_events (occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${tablePrefix}audit_events_token_at_idx ON ${tablePrefix}audit_events (token_id, occurred_at DESC, id DESC);

-- change feed for multi-node cache invalidation: every management change appends (seq, token_id) in the
-- same transaction; seq comes from the single counter row, whose row lock makes commit order follow seq.
CREATE TABLE IF NOT EXISTS ${tablePrefix}change_counter (
  id INTEGER NOT NULL,
  seq BIGINT NOT NULL,
  CONSTRAINT ${tablePrefix}change_counter_pk PRIMARY KEY (id)
);
INSERT INTO ${tablePrefix}change_counter (id, seq)
  SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM ${tablePrefix}change_counter WHERE id = 1);

CREATE TABLE IF NOT EXISTS ${tablePrefix}changes (
  seq BIGINT NOT NULL,
  token_id VARCHAR(64) NOT NULL,
  changed_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${tablePrefix}changes_pk PRIMARY KEY (seq)
);
CREATE INDEX IF NOT EXISTS ${tablePrefix}changes_at_idx ON ${tablePrefix}changes (changed_at);
