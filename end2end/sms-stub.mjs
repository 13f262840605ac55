// A stand-in for an SMS provider's HTTP gateway in the browser tests: the
// portals under test send their SMS notices here (start-server.sh points
// GONGKAI_SMS_URL at it). POST /send records the text and answers OK;
// GET /sent lists what was sent; GET /healthz tells Playwright it is up.
import http from 'node:http';

const port = Number(process.argv[2] || 3995);
const sent = [];

http
  .createServer((req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    if (req.method === 'POST' && url.pathname === '/send') {
      sent.push({ mobile: url.searchParams.get('mobile'), text: url.searchParams.get('text') });
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"OK"}');
    } else if (req.method === 'GET' && url.pathname === '/sent') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sent));
    } else if (url.pathname === '/healthz') {
      res.writeHead(200).end('ok');
    } else {
      res.writeHead(404).end();
    }
  })
  .listen(port, '127.0.0.1');
