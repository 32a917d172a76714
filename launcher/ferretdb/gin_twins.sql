-- FerretDB 1.24 pushes an equality filter down as `_jsonb->'field' @> 'value'`, and indexes a
-- field with a btree on `(_jsonb->'field')`. A btree cannot serve `@>`, so every pushed-down
-- query was a Seq Scan, `_id` lookups included. A GIN index with jsonb_path_ops on the same
-- expressions serves `@>`: each FerretDB index gets such a twin, created in the same transaction
-- as the index (event trigger), and dropped with it.
CREATE OR REPLACE FUNCTION public.relais_gin_twin(idx oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  i record;
  cols text;
  plain boolean;
BEGIN
  SELECT c.relname AS name, n.nspname AS schema, t.relname AS tbl, x.indnkeyatts AS nkeys
    INTO i
    FROM pg_index x
    JOIN pg_class c ON c.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_am a ON a.oid = c.relam
   WHERE x.indexrelid = idx AND a.amname = 'btree' AND x.indexprs IS NOT NULL
     AND t.relname NOT LIKE '\_ferretdb\_%';
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT string_agg(pg_get_indexdef(idx, k, true) || ' jsonb_path_ops', ', ' ORDER BY k),
         bool_and(pg_get_indexdef(idx, k, true) LIKE '(_jsonb %')
    INTO cols, plain
    FROM generate_series(1, i.nkeys) AS k;
  IF plain THEN
    -- fastupdate off: with a pending list, every lookup scans what was inserted since the last
    -- vacuum, so lookups slow down as a burst of inserts goes on.
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin (%s) WITH (fastupdate = off)',
                   left(i.name, 59) || '_gin', i.schema, i.tbl, cols);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION public.relais_gin_twin_on_create() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM public.relais_gin_twin(r.objid);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION public.relais_gin_twin_on_drop() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT schema_name, object_name FROM pg_event_trigger_dropped_objects()
            WHERE object_type = 'index' AND object_name NOT LIKE '%\_gin' LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I.%I', r.schema_name, left(r.object_name, 59) || '_gin');
  END LOOP;
END $$;

DROP EVENT TRIGGER IF EXISTS relais_gin_twin_on_create;
CREATE EVENT TRIGGER relais_gin_twin_on_create ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION public.relais_gin_twin_on_create();

DROP EVENT TRIGGER IF EXISTS relais_gin_twin_on_drop;
CREATE EVENT TRIGGER relais_gin_twin_on_drop ON sql_drop
  WHEN TAG IN ('DROP INDEX') EXECUTE FUNCTION public.relais_gin_twin_on_drop();

-- Indexes made before the triggers existed (data from an earlier version).
SELECT public.relais_gin_twin(indexrelid) FROM pg_index;
