DROP TABLE migrations;
