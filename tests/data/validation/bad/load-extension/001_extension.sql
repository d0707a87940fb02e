SELECT load_extension('./evil.so');
