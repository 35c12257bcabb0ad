/**
 * The anchor of every bench line: a bare Fastify hello-world in its own process, measured in the same run, on the
 * same machine, with the same load generator. `PORT` (default ephemeral); prints `listening PORT` when ready.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
