// The benchmark's Cosmos-protocol store, in a process of its own so that its CPU and memory are not
// counted as the app's. Prints {"port": N} once it listens; exits when its parent goes away.
const { createHttpServer } = require('@vercel/cosmosdb-server');

const server = createHttpServer({ keepAlive: true });
// Keep idle connections longer than the SDK's agent does, so a reused socket is never one the server is closing.
server.keepAliveTimeout = 120000;
server.headersTimeout = 121000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
