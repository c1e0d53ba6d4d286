import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SubscriberAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Never answer (the relay's timeout must end the attempt). */
  hang?: boolean;
}

/** A subscriber's endpoint on 127.0.0.1 that records what it receives and answers as told (200 by default). */
export interface Subscriber {
  url: string;
  received: ReceivedHook[];
  /** Answers for the next requests, in order; 200 once they run out. */
  answers: SubscriberAnswer[];
  close(): Promise<void>;
}

export async function startSubscriber(): Promise<Subscriber> {
  const received: ReceivedHook[] = [];
  const answers: SubscriberAnswer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? { status: 200 };
      if (answer.hang) return;
      res.writeHead(answer.status, answer.headers).end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answers,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
