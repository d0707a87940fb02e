CREATE VIEW applied_migrations AS SELECT filename FROM migrations;
