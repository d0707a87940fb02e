CREATE TABLE t (x, changed);
CREATE TRIGGER t_touch AFTER UPDATE ON t BEGIN
  UPDATE t SET changed = 1;
