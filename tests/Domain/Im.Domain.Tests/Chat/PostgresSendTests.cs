using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

/// <summary>The send suite on PostgreSQL, in a schema of this class; skipped unless IM_TEST_POSTGRES names a server.</summary>
public sealed class PostgresSendTests(ChatSchemaFixture schema) : SendBehaviourTests, IClassFixture<ChatSchemaFixture>
{
    protected override async Task<ChatStore> CreateStoreAsync() => ChatStore.Postgres(await schema.ConnectionStringAsync());
}
