using Im.Testing.Storage;

namespace Im.Hall.Tests.Support;

/// <summary>A PostgreSQL schema per hall test class, prefixed <c>hall_</c>.</summary>
public sealed class HallSchemaFixture() : PostgresSchemaFixture("hall");
