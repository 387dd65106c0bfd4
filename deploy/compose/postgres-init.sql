-- Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d).
-- POSTGRES_DB (ticketing_events) holds the event store; read models live in their own database,
-- one schema per service (created by the services themselves), so they can be dropped and
-- rebuilt from the event log without touching the source of truth.
CREATE DATABASE ticketing_read OWNER ticketing;
