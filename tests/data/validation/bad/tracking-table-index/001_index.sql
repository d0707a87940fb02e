CREATE INDEX by_checksum ON migrations (checksum);
