-- Schema version 3: the FEFF code and cards of each campaign (name and SHA-256 of the card text), and the
-- peak memory of each site's run (docs/DATABASE.md). Campaigns of earlier versions ran feff8l or the FEFF 9 cards.
ALTER TABLE campaigns ADD COLUMN code TEXT;
ALTER TABLE campaigns ADD COLUMN cards TEXT;
ALTER TABLE campaigns ADD COLUMN cards_sha256 TEXT;
ALTER TABLE campaign_sites ADD COLUMN peak_kb INTEGER;
ALTER TABLE campaign_sites ADD COLUMN cluster_sha256 TEXT;
