import { afterEach, describe, expect, it } from 'vitest';
import { closeScriptedBuses, reply, scriptedBus } from '../test-support/scripted-bus.ts';
import { createBusClient, mapInFlight } from './bus-client.ts';
import { encodeMessage } from './message.ts';

afterEach(closeScriptedBuses);

const ping = { destination: 'org.example', path: '/', interface: 'org.example.Thing', member: 'Ping' };

describe('the shared bus client', () => {
  it('opens one connection for many calls, and a new one after the bus dropped it', async () => {
    let isDropping = false;
    const bus = await scriptedBus((message, socket) => {
      if (isDropping) socket.destroy();
      else socket.write(encodeMessage(reply(message, 's', ['pong'])));
    });
    const client = createBusClient(bus.address);
    expect(await Promise.all([client.call(ping), client.call(ping)])).toEqual([
      { ok: true, signature: 's', body: ['pong'] },
      { ok: true, signature: 's', body: ['pong'] },
    ]);
    expect(bus.connections()).toBe(1);
    isDropping = true;
    expect(await client.call(ping)).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.Disconnected' });
    isDropping = false;
    expect(await client.call(ping)).toEqual({ ok: true, signature: 's', body: ['pong'] });
    expect(bus.connections()).toBe(2);
    client.close();
  });

  it('unwraps Get\'s and GetAll\'s variants, and says when the answer is not one', async () => {
    const bus = await scriptedBus((message, socket) => {
      const isGood = message.body[0] === 'good';
      const answer =
        message.member === 'GetAll' && isGood
          ? reply(message, 'a{sv}', [new Map([['MainPID', { signature: 'u', value: 7 }]])])
          : message.member === 'Get' && isGood && message.body[1] === 'Job'
            ? reply(message, 'v', [{ signature: '(uo)', value: [0, '/'] }])
            : reply(message, 's', ['odd']);
      socket.write(encodeMessage(answer));
    });
    const client = createBusClient(bus.address);
    expect(await client.getAll('org.example', '/', 'good')).toEqual({ ok: true, properties: { MainPID: 7 } });
    expect(await client.getAll('org.example', '/', 'bad')).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidSignature' });
    expect(await client.get('org.example', '/', 'good', 'Job')).toEqual({ ok: true, value: [0, '/'] });
    expect(await client.get('org.example', '/', 'bad', 'Job')).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidSignature' });
    client.close();
  });

  it('answers NoServer, as a value, where there is no bus', async () => {
    const client = createBusClient('unix:path=/nonexistent/socket');
    expect(await client.call(ping)).toEqual({ ok: false, errorName: 'org.freedesktop.DBus.Error.NoServer', message: 'cannot connect to /nonexistent/socket (ENOENT)' });
    client.close();
  });
});

describe('mapInFlight', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapInFlight([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
    expect(await mapInFlight([], 4, async (n: number) => n)).toEqual([]);
  });
});
