// A lab server: the kernel's TCP on port 80 of every address of its namespace (the anycast address
// db06::6 and its own), answering any request with a small HTTP/1.0 response that names the server
// (X-Server: its unicast name, e.g. db08::1) and carries the lab's body, then closing. Started by
// `manycast lab` inside a server's namespace: node http-server.js NAME BYTES PORT.
import { createServer, type Socket } from "node:net";
import { labBody } from "./payload.js";

const REQUEST_MAX = 16 * 1024;

function responseHeader(name: string, length: number): Buffer {
  return Buffer.from(
    `HTTP/1.0 200 OK\r\nServer: manycast-lab\r\nX-Server: ${name}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${length}\r\n\r\n`,
    "latin1",
  );
}

function serve(socket: Socket, header: Buffer, body: Buffer): void {
  let request = "";
  let answered = false;
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: Buffer) => {
    if (answered) return;
    request += chunk.toString("latin1");
    if (request.includes("\r\n\r\n") || request.includes("\n\n")) {
      answered = true;
      socket.write(header);
      socket.end(body);
    } else if (request.length > REQUEST_MAX) socket.destroy();
  });
}

function main(): void {
  const [name, bytesText, portText] = process.argv.slice(2);
  const bytes = Number(bytesText);
  const port = Number(portText);
  if (!name || !Number.isInteger(bytes) || bytes < 0 || !Number.isInteger(port)) {
    process.stderr.write("usage: http-server.js NAME BYTES PORT\n");
    process.exit(2);
  }
  const body = labBody(bytes);
  const header = responseHeader(name, body.length);
  const server = createServer((socket) => serve(socket, header, body));
  server.on("error", (err) => {
    process.stderr.write(`lab server ${name}: ${err.message}\n`);
    process.exit(1);
  });
  server.listen({ host: "::", port, ipv6Only: true, backlog: 4096 }, () => process.stdout.write(`listening on [::]:${port} as ${name}\n`));
  // Open connections end with the process: the kernel closes their sockets.
  process.once("SIGTERM", () => process.exit(0));
  process.once("SIGINT", () => process.exit(0));
}

main();
