-- Least privilege: the importer reads and writes published data, the API
-- only reads, and neither owns or may alter a table. The roles are created
-- by whoever runs the cluster (threshold db start does); on a database where
-- they do not exist this migration grants nothing and says so.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'threshold_importer') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA public TO threshold_importer';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO threshold_importer';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO threshold_importer';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO threshold_importer';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO threshold_importer';
    ELSE
        RAISE NOTICE 'role threshold_importer does not exist: no grants made';
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'threshold_api') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA public TO threshold_api';
        EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO threshold_api';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO threshold_api';
    ELSE
        RAISE NOTICE 'role threshold_api does not exist: no grants made';
    END IF;
END
$$;
-- Nobody but the owner creates objects in the schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
