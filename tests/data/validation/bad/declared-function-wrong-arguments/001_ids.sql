SELECT uuid(4);
