import type { Db } from 'mongodb';
import type { UsageDays } from '../../billing/usage-ports.ts';
import type { UsageDay } from '../../billing/usage-report.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const usageDailyCollection = defineCollection({
  name: 'usage_daily',
  privacy: {
    classes: ['financial', 'pseudonymous'],
    personalData: ['usage'],
    retention: 'billing-records',
    subject: { workspaceId: 'workspaceId', userId: 'byUser.key' },
    export: 'records',
    erase: 'unlink',
  },
});
export const usageRunCollection = defineCollection({
  name: 'usage_daily_runs',
  privacy: noPersonalData('when the daily usage roll-up last finished'),
});

/** `_id` = `<workspaceId>:<YYYY-MM-DD>`; groups as arrays (operation names hold dots, which make poor field names). */
interface UsageDayDocument extends UsageDay {
  _id: string;
  schemaVersion: 1;
}

/** `_id` = the day: written once every workspace's document of that day is. */
interface UsageRunDocument {
  _id: string;
  finishedAt: Date;
  schemaVersion: 1;
}

export const usageDayId = (workspaceId: string, day: string) => `${workspaceId}:${day}`;

const toUsageDay = ({ _id, schemaVersion: _s, ...day }: UsageDayDocument): UsageDay => day;

/** `usage_daily` and `usage_daily_runs`, read by `_id` only; written only by the roll-up cron. */
export const createUsageDayStore = (db: Db): UsageDays => {
  const daily = usageDailyCollection.in<UsageDayDocument>(db);
  const runs = usageRunCollection.in<UsageRunDocument>(db);
  return {
    find: async (workspaceId, days) => {
      if (days.length === 0) return [];
      const found = await daily.find({ _id: { $in: days.map((day) => usageDayId(workspaceId, day)) } }).toArray();
      return found.map(toUsageDay);
    },
    finished: async (days) => {
      if (days.length === 0) return new Set();
      const found = await runs.find({ _id: { $in: [...days] } }, { projection: { _id: 1 } }).toArray();
      return new Set(found.map((run) => run._id));
    },
    // Whole-document replaces by one writer (the daily cron): no read-modify-write to race.
    put: async (usage) => {
      const _id = usageDayId(usage.workspaceId, usage.day);
      await daily.replaceOne({ _id }, { ...usage, schemaVersion: 1 }, { upsert: true });
    },
    markFinished: async (day, at) => {
      await runs.replaceOne({ _id: day }, { finishedAt: at, schemaVersion: 1 }, { upsert: true });
    },
  };
};
