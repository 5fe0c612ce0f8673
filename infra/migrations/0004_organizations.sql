-- Read models of organizations, their sites and members.
CREATE TABLE organizations (
  id            uuid PRIMARY KEY,
  name          text NOT NULL,
  kinds         text[] NOT NULL,
  industry      text NOT NULL,
  city          text NOT NULL,
  timezone      text NOT NULL,
  verification  text NOT NULL,
  created_at    timestamptz NOT NULL
);

CREATE TABLE sites (
  id                     uuid PRIMARY KEY,
  organization_id        uuid NOT NULL REFERENCES organizations (id),
  name                   text NOT NULL,
  address                text NOT NULL,
  lat                    double precision NOT NULL,
  lng                    double precision NOT NULL,
  check_in_radius_meters integer NOT NULL,
  created_at             timestamptz NOT NULL
);
CREATE INDEX sites_organization ON sites (organization_id, created_at, id);

CREATE TABLE memberships (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  user_id         uuid NOT NULL,
  role            text NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id, created_at);
