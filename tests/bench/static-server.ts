import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

/** The baseline: a bare Node HTTP server answering every request with one HTML file read from disk. */
const [file, port] = [process.argv[2]!, Number(process.argv[3])];
createServer((_req, res) => {
  readFile(file).then(
    (body) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
      res.end(body);
    },
    () => {
      res.statusCode = 500;
      res.end();
    },
  );
}).listen(port, '127.0.0.1', () => console.log('ready'));
