-- Schema version 2: FEFF campaigns whose state lives in the database (docs/DATABASE.md).
CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  element TEXT NOT NULL,
  engine TEXT NOT NULL,          -- FEFF8L | FEFF9
  executable TEXT NOT NULL,
  radius_angstrom REAL NOT NULL,
  timeout_seconds INTEGER NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  created_at TEXT NOT NULL
);
CREATE TABLE campaign_sites (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  material_id TEXT NOT NULL,
  site_index INTEGER NOT NULL,
  structure_file TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
  worker TEXT,                   -- host:pid:thread of the claimant
  lease_until_ms INTEGER,        -- a running site whose lease expired may be claimed again
  attempts INTEGER NOT NULL DEFAULT 0,
  seconds REAL,
  reason TEXT,
  PRIMARY KEY (campaign_id, material_id, site_index)
);
CREATE INDEX campaign_sites_status ON campaign_sites (campaign_id, status);
