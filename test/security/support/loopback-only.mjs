// Preloaded into every CLI the security tests spawn (`node --import`): refuses any TCP or TLS connection to a host
// that is not loopback, and records the attempt, so a test can never reach the internet and proves it did not
// try (checklist E3). Unix sockets are left alone.
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(\.\d{1,3}){3})$/i;
const record = process.env.LOOPBACK_GUARD_LOG;
const originalConnect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function connectLoopbackOnly(...args) {
  // net.connect passes its normalised [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = String(options.host ?? 'localhost');
  if (options.path === undefined && !LOOPBACK.test(host)) {
    if (record) appendFileSync(record, `${host}:${String(options.port)}\n`);
    throw new Error(`loopback-only: refused a connection to ${host}`);
  }
  return originalConnect.apply(this, args);
};
