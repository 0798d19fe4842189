-- TokenKit schema, version 2: shared secrets (seed 001's "API shared secret"), the nonces of signed requests, and
-- the token column naming the shared secret a token's requests must be signed with. Works on PostgreSQL 15 and
-- H2 2.x. Idempotent, like version 1. Values are stored encrypted (KeyRing ciphertexts); the key never is.

CREATE TABLE IF NOT EXISTS ${tablePrefix}shared_secrets (
  id VARCHAR(64) NOT NULL,
  name VARCHAR(100) NOT NULL,
  created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  previous_valid_until TIMESTAMP(3) WITH TIME ZONE,
  ciphertext VARCHAR(1000) NOT NULL,
  previous_ciphertext VARCHAR(1000),
  version BIGINT NOT NULL,
  CONSTRAINT ${tablePrefix}shared_secrets_pk PRIMARY KEY (id),
  CONSTRAINT ${tablePrefix}shared_secrets_name_uk UNIQUE (name)
);

-- a nonce is remembered until the signature carrying it could no longer be accepted
CREATE TABLE IF NOT EXISTS ${tablePrefix}signature_nonces (
  key_id VARCHAR(64) NOT NULL,
  nonce VARCHAR(256) NOT NULL,
  expires_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${tablePrefix}signature_nonces_pk PRIMARY KEY (key_id, nonce)
);
CREATE INDEX IF NOT EXISTS ${tablePrefix}signature_nonces_expires_idx ON ${tablePrefix}signature_nonces (expires_at);

ALTER TABLE ${tablePrefix}tokens ADD COLUMN IF NOT EXISTS signature_secret_id VARCHAR(64);
