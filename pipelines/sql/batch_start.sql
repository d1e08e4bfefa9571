insert into batches (batch_id, kind, file_name, sha256, profile, user_name, started_at, status, options)
values ($batch_id, $kind, $file_name, $sha256, $profile, $user, $started_at, 'loaded', $options);
