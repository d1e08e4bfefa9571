-- Keep a generated report with what it was built from; returns its id.
insert into reports (quarter, scope_user, scope_channels, scope_regions, lang, fmt, data_version,
                     data_as_of, has_data, generated_by, generated_at, seconds, timings, filename,
                     size_bytes, sha256, content)
values ($quarter, $scope_user, $scope_channels, $scope_regions, $lang, $fmt, $data_version,
        $data_as_of, $has_data, $generated_by, $generated_at, $seconds, $timings, $filename,
        $size_bytes, $sha256, $content)
returning report_id
