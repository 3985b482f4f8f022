import { describe, expect, it } from 'vitest';
import { yieldToEvents } from '../engine/cancel.js';
import { PlaygroundError } from '../errors.js';
import { JobQueue, errorFields } from './jobs.js';

describe('JobQueue', () => {
  it('runs jobs one at a time, in arrival order', async () => {
    const q = new JobQueue();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name} start`);
      await yieldToEvents();
      await yieldToEvents();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([q.run(1, job('a')), q.run(2, job('b'))]);
    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('cancels a running job at its next check and a waiting job before it starts', async () => {
    const q = new JobQueue();
    let started2 = false;
    const first = q.run(1, async (token) => {
      for (let i = 0; i < 100; i++) {
        await yieldToEvents();
        token.throwIfCancelled();
      }
      return 'finished';
    });
    const second = q.run(2, async () => {
      started2 = true;
      return 'second';
    });
    const third = q.run(3, async () => 'third');
    q.cancel(1);
    q.cancel(2);
    await expect(first).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(started2).toBe(false);
    expect(await third).toBe('third'); // the queue keeps going after failures
  });

  it('turns errors into protocol fields', () => {
    expect(errorFields(new PlaygroundError('BAD_INPUT', 'no', { a: 'b' }))).toEqual({ code: 'BAD_INPUT', message: 'no', detail: { a: 'b' } });
    expect(errorFields(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});
