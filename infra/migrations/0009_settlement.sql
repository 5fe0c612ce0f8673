-- Settlements: one retailer owes one lender for one business date (site time zone) and currency.
CREATE TABLE settlements (
  id                 uuid PRIMARY KEY,
  retailer_id        uuid NOT NULL,
  lender_id          uuid NOT NULL,
  business_date      text NOT NULL,
  currency           text NOT NULL,
  time_zone          text NOT NULL,
  status             text NOT NULL CHECK (status IN ('OPEN', 'INVOICED', 'PAID')),
  gross_pay          numeric(14, 2) NOT NULL DEFAULT 0,
  cancellation_fees  numeric(14, 2) NOT NULL DEFAULT 0,
  platform_fees      numeric(14, 2) NOT NULL DEFAULT 0,
  total              numeric(14, 2) NOT NULL DEFAULT 0,
  line_count         integer NOT NULL DEFAULT 0,
  payment_reference  text,
  paid_at            timestamptz,
  invoiced_at        timestamptz,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX settlements_retailer ON settlements (retailer_id, created_at, id);
CREATE INDEX settlements_lender ON settlements (lender_id, created_at, id);

-- The lines of each settlement, in the order they were added.
CREATE TABLE settlement_lines (
  settlement_id  uuid NOT NULL,
  placement_id   uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('WAGES', 'CANCELLATION_FEE', 'PLATFORM_FEE')),
  amount         numeric(14, 2) NOT NULL,
  seq            bigserial,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (settlement_id, placement_id, kind)
);
CREATE INDEX settlement_lines_order ON settlement_lines (settlement_id, seq);
CREATE INDEX settlement_lines_placement ON settlement_lines (placement_id);

-- The double-entry ledger: the entries of one posting sum to zero.
CREATE TABLE ledger_entries (
  id             uuid PRIMARY KEY,
  seq            bigserial UNIQUE,
  at             timestamptz NOT NULL,
  account        text NOT NULL,
  owner_id       uuid,
  amount         numeric(14, 2) NOT NULL,
  currency       text NOT NULL,
  settlement_id  uuid,
  placement_id   uuid,
  kind           text NOT NULL,
  entry          text NOT NULL CHECK (entry IN ('POSTING', 'REVERSAL'))
);
CREATE INDEX ledger_entries_owner ON ledger_entries (owner_id, seq);
CREATE INDEX ledger_entries_settlement ON ledger_entries (settlement_id);

-- Earnings: a worker's approved placements by business date (placements is the marketplace's read model).
CREATE INDEX placements_worker_business_date ON placements (worker_id, business_date) WHERE business_date IS NOT NULL;
