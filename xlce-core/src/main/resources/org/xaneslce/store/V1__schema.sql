-- xanes-lce spectral database, schema version 1. Documented in docs/DATABASE.md.
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,            -- feff-campaign | feff-grid | mp-xas-json | feff8l-campaign
  location TEXT NOT NULL,        -- absolute path or description
  level_of_theory TEXT NOT NULL, -- FEFF9 | feff8l | ...
  code_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (kind, location)
);
CREATE TABLE materials (
  id TEXT PRIMARY KEY,           -- Materials Project id (mp-1234, mvc-12)
  composition TEXT NOT NULL
);
CREATE TABLE structures (
  material_id TEXT PRIMARY KEY REFERENCES materials (id),
  format TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  n_sites INTEGER NOT NULL
);
CREATE TABLE sites (
  material_id TEXT NOT NULL REFERENCES materials (id),
  site_index INTEGER NOT NULL,   -- 0-based, file order
  element TEXT NOT NULL,
  PRIMARY KEY (material_id, site_index)
);
CREATE TABLE labels (
  material_id TEXT NOT NULL,
  site_index INTEGER NOT NULL,
  rule TEXT NOT NULL,            -- e.g. "O within 1.2 x d_min"
  cn INTEGER NOT NULL,
  label TEXT NOT NULL,           -- ChemEnv symbol of the lowest CSM, or "none"
  class TEXT NOT NULL,           -- T4 | S5 | O6 | OTHER
  csm REAL,
  margin REAL,
  csm_all TEXT NOT NULL,         -- JSON object: symbol -> CSM, ascending
  PRIMARY KEY (material_id, site_index, rule),
  FOREIGN KEY (material_id, site_index) REFERENCES sites (material_id, site_index)
);
CREATE TABLE spectra (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  material_id TEXT NOT NULL,
  site_index INTEGER NOT NULL,
  element TEXT NOT NULL,         -- absorber
  edge TEXT NOT NULL,
  n_points INTEGER NOT NULL,
  e_min_ev REAL NOT NULL,
  e_max_ev REAL NOT NULL,
  energy_ev TEXT NOT NULL,       -- JSON array (eV)
  mu TEXT NOT NULL,              -- JSON array
  sha256 TEXT NOT NULL,          -- of the file or row it came from
  UNIQUE (source_id, material_id, site_index, element),
  FOREIGN KEY (material_id, site_index) REFERENCES sites (material_id, site_index)
);
CREATE TABLE rejections (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  item TEXT NOT NULL,            -- what was rejected: "mp-1/003_Cu", "mp-1_003"
  stage TEXT NOT NULL,           -- read | structure | label | check
  reason TEXT NOT NULL,          -- short category, for counting
  detail TEXT NOT NULL,          -- the full message (file, line, what is wrong)
  UNIQUE (source_id, item, stage)
);
CREATE TABLE imported (
  source_id INTEGER NOT NULL REFERENCES sources (id),
  item TEXT NOT NULL,            -- unit of work committed atomically (a material, or a batch)
  PRIMARY KEY (source_id, item)
);
CREATE TABLE provenance (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE INDEX spectra_element ON spectra (element);
CREATE INDEX rejections_reason ON rejections (reason);
CREATE VIEW labelled_spectra AS
  SELECT s.id AS spectrum_id, s.source_id, s.material_id, s.site_index, s.element, l.cn, l.label, l.class,
         l.csm, l.margin, s.n_points, s.e_min_ev, s.e_max_ev
  FROM spectra s JOIN labels l ON l.material_id = s.material_id AND l.site_index = s.site_index
  WHERE l.rule = 'O within 1.2 x d_min';
