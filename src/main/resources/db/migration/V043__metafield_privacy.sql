-- contract: catalog.v3 metafield permission_set — app_only is "completely private to the app that
-- owns the field": reads filter on this copy of it (1 for an app_only metafield, 0 otherwise).
ALTER TABLE catalog_children ADD COLUMN app_only SMALLINT NOT NULL DEFAULT 0;
UPDATE catalog_children SET app_only = 1
  WHERE doc LIKE '%"permission_set":"app_only"%';
