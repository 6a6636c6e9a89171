import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocketServer, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/**
 * The benchmark's baseline: a bare y-websocket relay, as y-websocket's own server utility did it
 * (y-websocket 3 no longer ships a server; it moved to @y/websocket-server, which is not installed).
 * One Y.Doc per room in memory, sync and awareness relayed, no authentication, no persistence.
 * A room's initial state is read from BENCH_SEED_DIRECTORY/<room>.bin when the room opens, so
 * "loading a document" means the same bytes for both servers.
 */

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

type Room = { doc: Y.Doc; awareness: awarenessProtocol.Awareness; sockets: Map<WebSocket, Set<number>> };
const rooms = new Map<string, Room>();
const seedDirectory = process.env.BENCH_SEED_DIRECTORY;

function openRoom(name: string): Room {
  const existing = rooms.get(name);
  if (existing) return existing;
  const doc = new Y.Doc();
  const seedFile = seedDirectory ? path.join(seedDirectory, `${name}.bin`) : null;
  if (seedFile && fs.existsSync(seedFile)) Y.applyUpdate(doc, fs.readFileSync(seedFile));
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const room: Room = { doc, awareness, sockets: new Map() };
  doc.on("update", (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    broadcast(room, encoding.toUint8Array(encoder));
  });
  awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const changed = [...added, ...updated, ...removed];
    const owned = room.sockets.get(origin as WebSocket);
    if (owned) {
      for (const clientId of added) owned.add(clientId);
      for (const clientId of removed) owned.delete(clientId);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
    broadcast(room, encoding.toUint8Array(encoder));
  });
  rooms.set(name, room);
  return room;
}

function broadcast(room: Room, message: Uint8Array): void {
  for (const socket of room.sockets.keys()) if (socket.readyState === socket.OPEN) socket.send(message);
}

const server = http.createServer((request, response) => {
  if (request.url === "/health") response.writeHead(200).end("ok");
  else response.writeHead(404).end();
});
const webSocketServer = new WebSocketServer({ server });
webSocketServer.on("connection", (socket, request) => {
  const room = openRoom((request.url ?? "/").slice(1).split("?")[0]);
  room.sockets.set(socket, new Set());
  socket.on("message", (data: Buffer) => {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const encoder = encoding.createEncoder();
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, room.doc, socket);
        if (encoding.length(encoder) > 1) socket.send(encoding.toUint8Array(encoder));
      } else if (type === MESSAGE_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), socket);
      }
    } catch (error) {
      console.error("baseline: bad message", error);
    }
  });
  socket.on("close", () => {
    awarenessProtocol.removeAwarenessStates(room.awareness, [...(room.sockets.get(socket) ?? [])], null);
    room.sockets.delete(socket);
    if (room.sockets.size === 0) {
      room.doc.destroy();
      rooms.delete([...rooms].find(([, candidate]) => candidate === room)![0]);
    }
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, room.doc);
  socket.send(encoding.toUint8Array(encoder));
  if (room.awareness.getStates().size > 0) {
    const awarenessEncoder = encoding.createEncoder();
    encoding.writeVarUint(awarenessEncoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(awarenessEncoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]));
    socket.send(encoding.toUint8Array(awarenessEncoder));
  }
});

const port = Number(process.env.PORT ?? 4100);
server.listen(port, "127.0.0.1", () => console.log(`baseline y-websocket relay on ${port}`));
