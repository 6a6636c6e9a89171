import net from "node:net";

/**
 * A TCP proxy that adds `delayMs` of round trip (half each way) between clients and a server, in
 * order, as a database across a network would. Used to measure "Saved" against a slow database.
 */
export async function startDelayProxy({ target, delayMs }: { target: { host: string; port: number }; delayMs: number }): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    // Equal delays keep the order: timers with the same timeout fire in the order they were set.
    client.on("data", (chunk) => setTimeout(() => upstream.write(chunk), delayMs / 2));
    upstream.on("data", (chunk) => setTimeout(() => client.write(chunk), delayMs / 2));
    client.on("end", () => setTimeout(() => upstream.end(), delayMs / 2));
    upstream.on("end", () => setTimeout(() => client.end(), delayMs / 2));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
