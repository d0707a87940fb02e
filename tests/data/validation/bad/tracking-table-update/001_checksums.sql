UPDATE migrations SET checksum = 'x';
