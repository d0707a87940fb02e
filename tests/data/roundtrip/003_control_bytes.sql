SELECT '[31m', '', 'ab';
