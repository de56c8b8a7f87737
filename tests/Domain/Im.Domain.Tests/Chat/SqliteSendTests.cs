using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class SqliteSendTests : SendBehaviourTests
{
    protected override Task<ChatStore> CreateStoreAsync() => Task.FromResult(ChatStore.Sqlite());
}
