DELETE FROM migrations;
