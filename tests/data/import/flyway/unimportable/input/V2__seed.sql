INSERT INTO users (name) VALUES ('${admin_name}');
