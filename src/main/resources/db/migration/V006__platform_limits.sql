-- Per-store overrides of the platform limits (a JSON object; absent keys take the defaults).
ALTER TABLE stores ADD COLUMN platform_limits TEXT NOT NULL DEFAULT '{}';
