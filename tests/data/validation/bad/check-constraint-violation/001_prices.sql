CREATE TABLE prices (amount INTEGER CHECK (amount >= 0));
INSERT INTO prices VALUES (-5);
