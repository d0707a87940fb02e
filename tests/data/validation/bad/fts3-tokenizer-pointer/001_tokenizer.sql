SELECT fts3_tokenizer('simple', x'4141414141414141');
CREATE VIRTUAL TABLE b USING fts3(c, tokenize=simple);
