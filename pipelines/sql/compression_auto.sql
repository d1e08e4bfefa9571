-- Back to compressed pages after the hand-off file is written.
set force_compression = 'auto';
