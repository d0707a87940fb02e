CREATE TABLE notes (body TEXT);
INSERT INTO notes VALUES ('
-- no-transaction
');
/* how to write one:
-- no-transaction
*/
SELECT '-- no-transaction';
