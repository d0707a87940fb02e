CREATE TEMP TABLE scratch (version INTEGER);
ALTER TABLE temp.scratch RENAME TO migrations;
