-- A profile's own missing-value markers (upper-cased), added to the defaults of cx_marker.
set variable cx_markers = cast($markers as varchar[]);
