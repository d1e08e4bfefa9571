-- The hand-off file lives for seconds: its pages are written uncompressed.
set force_compression = 'uncompressed';
