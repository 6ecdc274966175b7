// The benchmark's Cosmos-protocol store, in a process of its own so that its CPU and memory are not
// counted as the app's. Prints {"port": N} once it listens; exits when its parent goes away.
const { createHttpServer } = require('@vercel/cosmosdb-server');

const server = createHttpServer({ keepAlive: true });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
