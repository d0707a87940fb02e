CREATE TEMP TABLE migrations (version INTEGER);
