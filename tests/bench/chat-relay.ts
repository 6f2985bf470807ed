import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The baseline of `bench:chat`: a bare socket.io relay on the same two namespaces with the same events, but
 * no validation, no database and no rooms per visitor — every message acked at once and forwarded to the
 * operators. Prints its port when listening.
 */
const http = createServer();
const io = new Server(http, { serveClient: false });
const agents = io.of('/agent');
let seq = 0;
io.of('/visitor').on('connection', (socket) => {
  socket.on('conversation:start', (payload: { clientId: string; body: string }, ack: (answer: unknown) => void) => {
    seq += 1;
    const message = { conversationId: seq, seq: 1, clientId: payload.clientId, body: payload.body };
    ack({ ok: true, conversation: { id: seq }, message });
  });
  socket.on('message:send', (payload: { conversationId: number; clientId: string; body: string }, ack: (answer: unknown) => void) => {
    const message = { ...payload, seq: (seq += 1) };
    ack({ ok: true, message, duplicate: false });
    agents.emit('message', message);
  });
});
http.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'));
