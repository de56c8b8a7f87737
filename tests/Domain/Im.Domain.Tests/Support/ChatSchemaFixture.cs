using Im.Testing.Storage;

namespace Im.Domain.Tests.Support;

/// <summary>A PostgreSQL schema per chat test class, prefixed <c>chat_</c>.</summary>
public sealed class ChatSchemaFixture() : PostgresSchemaFixture("chat");
