// End-to-end check of the /hubs/im contract with the official @microsoft/signalr client.
// Usage: node chat-e2e.mjs <baseUrl> <annId> <annToken> <bobId> <bobToken>
// Prints one JSON line with what it saw; exits non-zero on the first broken expectation.
import * as signalR from "@microsoft/signalr";

const [baseUrl, annId, annToken, bobId, bobToken] = process.argv.slice(2);

function connect(token) {
  return new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/im`, { accessTokenFactory: () => token })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
}

function expect(condition, what) {
  if (!condition) {
    throw new Error(`expected ${what}`);
  }
}

function nextMessage(connection) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no message event within 10 s")), 10_000);
    connection.on("message", function handler(message) {
      clearTimeout(timer);
      connection.off("message", handler);
      resolve(message);
    });
  });
}

const ann = connect(annToken);
const bob = connect(bobToken);
try {
  await ann.start();
  await bob.start();

  const { conversationId } = await ann.invoke("openDirect", bobId);
  const again = await bob.invoke("openDirect", annId);
  expect(again.conversationId === conversationId, "the same direct conversation from both sides");

  const arriving = nextMessage(bob);
  const receipt = await ann.invoke("sendMessage", { conversationId, clientMsgId: "js-1", text: "你好, bob", mentions: [bobId] });
  expect(receipt.seq === 1 && receipt.clientMsgId === "js-1" && receipt.conversationId === conversationId, "a receipt with seq 1");
  const message = await arriving;
  expect(message.text === "你好, bob" && message.senderId === annId && message.seq === 1, "the message event");
  expect(Array.isArray(message.mentions) && message.mentions[0] === bobId, "mentions on the event");

  const retry = await ann.invoke("sendMessage", { conversationId, clientMsgId: "js-1", text: "你好, bob" });
  expect(retry.seq === 1 && retry.sentAt === receipt.sentAt, "the retry to answer the same receipt");

  const history = await bob.invoke("getHistory", { conversationId, afterSeq: 0 });
  expect(history.messages.length === 1 && history.hasMore === false, "one message in history");

  const conversations = await bob.invoke("getConversations");
  const entry = conversations.find((c) => c.conversationId === conversationId);
  expect(entry && entry.kind === "direct" && entry.maxSeq === 1 && entry.readSeq === 0, "the conversation listed");
  await bob.invoke("markRead", { conversationId, seq: 1 });

  let refusal = "";
  try {
    await bob.invoke("sendMessage", { conversationId: "g:not-mine", clientMsgId: "x", text: "hi" });
  } catch (error) {
    refusal = String(error.message);
  }
  expect(refusal.includes("not_member:") || refusal.includes("not_found:"), `a coded refusal, got '${refusal}'`);

  console.log(JSON.stringify({ ok: true, conversationId, seq: receipt.seq, refusal }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error?.message ?? error) }));
  process.exitCode = 1;
} finally {
  await ann.stop();
  await bob.stop();
}
