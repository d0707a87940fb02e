INSERT INTO notes VALUES (1, 'the trigger writes a post of a user who does not exist');
