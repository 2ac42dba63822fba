import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { Cron } from 'croner';
import { pingEventType } from '../../../shared/platform/events/catalog.ts';
import type { LocalSchedule } from './manifests.ts';

/** The tick a PingSource sends: `dev.knative.sources.ping` with its `ceOverrides` extensions and the empty JSON body the generated PingSources declare. */
export const pingEvent = (schedule: LocalSchedule) => {
  const message = HTTP.binary(
    new CloudEvent({
      id: randomUUID(),
      type: pingEventType,
      source: `/apis/v1/namespaces/uxflow/pingsources/${schedule.service}`,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: {},
      ...schedule.extensions,
    }),
  );
  return { headers: message.headers as Record<string, string>, body: (message.body as string | undefined) ?? '' };
};

/**
 * The development stand-in for the PingSources: each generated schedule ticks in its own time zone
 * (UTC) and POSTs its ping to the function's event path. A failed tick is logged; as in
 * production, the next one comes at the next scheduled time.
 */
export const startScheduler = (options: {
  schedules: readonly LocalSchedule[];
  deliver: (schedule: LocalSchedule) => Promise<number>;
  log: (line: string) => void;
}) => {
  const jobs = options.schedules.map((schedule) => {
    options.log(`[scheduler] scheduled ${schedule.service}: ${schedule.schedule} (${schedule.timezone})`);
    return new Cron(schedule.schedule, { timezone: schedule.timezone, protect: true }, async () => {
      const status = await options.deliver(schedule).catch((error: unknown) => String(error));
      options.log(`[scheduler] ${schedule.service} tick: ${status}`);
    });
  });
  return { stop: () => jobs.forEach((job) => job.stop()) };
};
