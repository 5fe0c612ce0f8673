-- Where each projection runner has read the global log up to (moved in the same transaction as its rows).
CREATE TABLE projection_checkpoints (
  name       text PRIMARY KEY,
  position   text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Idempotency keys: the same user and key return the first call's result (kept at least 24 hours).
CREATE TABLE idempotency_keys (
  user_id     text NOT NULL,
  key         text NOT NULL,
  operation   text NOT NULL,
  input_hash  text NOT NULL,
  status      text NOT NULL CHECK (status IN ('RUNNING', 'DONE')),
  result      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
