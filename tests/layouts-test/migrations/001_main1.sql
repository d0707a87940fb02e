CREATE TABLE main1 (x);
