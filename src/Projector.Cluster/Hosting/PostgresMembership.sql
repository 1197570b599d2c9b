-- The cluster's membership table in PostgreSQL, for Orleans' ADO.NET clustering provider
-- (Microsoft.Orleans.Clustering.AdoNet, invariant "Npgsql"). Run by every silo and client before it
-- joins, inside one transaction under an advisory lock (see PostgresMembershipSchema.cs), so every
-- statement here must be safe to run again on a database that already has the schema.
--
-- The provider's package ships no schema: the provider reads the statements it runs from the table
-- OrleansQuery by key, binds its own parameter names (@DeploymentId, @Address, ...) and reads result
-- columns by name. Those names and the meaning of each result are the contract kept here; the tables
-- behind them are ours, in a schema of their own so that nothing else in the database is touched.

-- Checked first rather than CREATE SCHEMA IF NOT EXISTS, which wants the CREATE right on the database even
-- when the schema is there: once it is made, its owner connects without that right.
DO $schema$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'projector_cluster') THEN
        CREATE SCHEMA projector_cluster;
    END IF;
END
$schema$;

-- The provider's fixed lookup is "SELECT QueryKey, QueryText FROM OrleansQuery", unquoted and
-- unqualified: it finds this table through the connection's search path (projector_cluster), and the
-- unquoted names fold to these lower-case ones.
CREATE TABLE IF NOT EXISTS projector_cluster.orleansquery
(
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);

-- One row per cluster (Orleans' ClusterId, which the provider calls DeploymentId). Its version is the
-- whole table's etag: every insert or update of a silo's row checks that the writer read the current
-- version and raises it by one in the same statement, so of two silos writing from the same reading
-- one succeeds and the other re-reads (Orleans' optimistic membership protocol).
CREATE TABLE IF NOT EXISTS projector_cluster.membership_version
(
    deployment_id text PRIMARY KEY,
    version       integer NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation: a restarted silo on the same address and port has a new generation.
-- Times are timestamptz: Orleans hands over and expects UTC.
CREATE TABLE IF NOT EXISTS projector_cluster.silos
(
    deployment_id   text NOT NULL REFERENCES projector_cluster.membership_version (deployment_id) ON DELETE CASCADE,
    address         text NOT NULL,
    port            integer NOT NULL,
    generation      integer NOT NULL,
    silo_name       text NOT NULL,
    host_name       text NOT NULL,
    status          integer NOT NULL,
    proxy_port      integer,
    -- Which silos suspect this one and since when, as the provider writes it: "silo,time|silo,time".
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- The statements, replaced when their text changed, so a newer build's silo brings its statements
-- along (all silos of a cluster run the same build).
INSERT INTO projector_cluster.orleansquery (querykey, querytext) VALUES

-- A silo creates its cluster's version row when it starts; every later silo finds it there.
-- Result: one boolean, whether the row was created (the provider only logs it).
('InsertMembershipVersionKey', $query$
WITH created AS (
    INSERT INTO projector_cluster.membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created);
$query$),

-- A silo joins: its row is added only if the writer read the current version and the row is new; then
-- the version goes up. The version row is locked first, so no other writer changes the table between
-- the check and the raise; a writer that waited on the lock finds the version moved and fails.
-- Result: one boolean; false makes Orleans read the table again and retry.
('InsertMembershipKey', $query$
WITH expected AS (
    SELECT deployment_id
    FROM projector_cluster.membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE
), inserted AS (
    INSERT INTO projector_cluster.silos
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM expected
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
    RETURNING deployment_id
), raised AS (
    UPDATE projector_cluster.membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id IN (SELECT deployment_id FROM inserted)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM raised);
$query$),

-- A silo's status or suspicions change (joining, active, suspected, declared dead, shutting down):
-- the same check of the version as an insert, and the row must exist.
-- Result: one boolean; false makes Orleans read the table again and retry.
('UpdateMembershipKey', $query$
WITH expected AS (
    SELECT deployment_id
    FROM projector_cluster.membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE
), updated AS (
    UPDATE projector_cluster.silos AS s
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM expected
    WHERE s.deployment_id = expected.deployment_id
      AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
    RETURNING s.deployment_id
), raised AS (
    UPDATE projector_cluster.membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id IN (SELECT deployment_id FROM updated)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM raised);
$query$),

-- A silo's heartbeat: only its time of life, without the version (Orleans' "dirty write"), so heartbeats
-- never make another silo's membership write fail. No result is read.
('UpdateIAmAlivetimeKey', $query$
UPDATE projector_cluster.silos
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation;
$query$),

-- Reads are one statement each, so the version and the rows are of the same moment. The version row
-- always comes back, joined to the silo rows if any: the provider takes the version from the first row
-- and a row without a start time as "no silo".
('MembershipReadRowKey', $query$
SELECT v.version AS "Version",
       s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status",
       s.proxy_port AS "ProxyPort", s.suspect_times AS "SuspectTimes",
       s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime"
FROM projector_cluster.membership_version AS v
LEFT JOIN projector_cluster.silos AS s
       ON s.deployment_id = v.deployment_id
      AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$query$),

('MembershipReadAllKey', $query$
SELECT v.version AS "Version",
       s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status",
       s.proxy_port AS "ProxyPort", s.suspect_times AS "SuspectTimes",
       s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime"
FROM projector_cluster.membership_version AS v
LEFT JOIN projector_cluster.silos AS s ON s.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$query$),

-- What a client connects to: the gateways of the active silos (@Status is Orleans' Active, 3).
('GatewaysQueryKey', $query$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM projector_cluster.silos
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$query$),

-- Removes a cluster whole: its silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $query$
DELETE FROM projector_cluster.membership_version
WHERE deployment_id = @DeploymentId;
$query$),

-- Forgets silos that are gone. When this statement exists (it is optional), the provider reads the
-- table, picks the dead silos whose start and last heartbeat are both older than the cut-off (now less
-- ClusterMembershipOptions.DefunctSiloExpiration) and that no silo suspected since, and deletes each
-- here, handing back the values it read: a row changed since (a new heartbeat or suspicion, a status
-- other than dead) is kept. The version stays: no live silo's row changes.
('CleanupDefunctSiloEntryKey', $query$
DELETE FROM projector_cluster.silos
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '');
$query$),

-- The same rule on the whole cluster in one statement (without the check of recent suspicions), which
-- the provider requires all the same and runs only when the statement above is missing.
('CleanupDefunctSiloEntriesKey', $query$
DELETE FROM projector_cluster.silos
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND start_time < @IAmAliveTime
  AND i_am_alive_time < @IAmAliveTime;
$query$)

ON CONFLICT (querykey) DO UPDATE
SET querytext = EXCLUDED.querytext
WHERE orleansquery.querytext IS DISTINCT FROM EXCLUDED.querytext;
