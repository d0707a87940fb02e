CREATE TABLE copy AS SELECT * FROM migrations;
