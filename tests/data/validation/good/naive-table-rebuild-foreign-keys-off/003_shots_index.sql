CREATE INDEX shots_by_scene ON shots (scene_id);
