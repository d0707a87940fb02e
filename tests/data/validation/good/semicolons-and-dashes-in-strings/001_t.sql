CREATE TABLE "odd;name" ("a--b" TEXT, [c;d] TEXT, `e/*f` TEXT, "g;" TEXT);
INSERT INTO "odd;name" VALUES ('x; -- not a comment', 'it''s; fine', '/* nor this */', ';');
