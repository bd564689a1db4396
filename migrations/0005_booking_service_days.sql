-- The service days a GTFS-Flex booking rule counts its notice in
-- (prior_notice_service_id): "the working day before" a Monday ride is the
-- Friday when the rule's service runs Monday to Friday. Rules imported
-- before this migration keep NULL (notice counted in calendar days) until
-- their feed is imported again.
ALTER TABLE gtfs_booking_rule ADD COLUMN prior_notice_service_id text;
