/**
 * The share of a day's interactive traffic in each UTC hour: a European working day (users in
 * UTC+1/+2), quiet from 23:00 to 05:00, a morning and an afternoon peak. Sums to 1.
 */
const weights = [2, 1.2, 0.8, 0.6, 0.6, 1, 2.5, 5, 7.5, 8.5, 8.5, 7.5, 6.5, 7.5, 8.5, 8.5, 7.5, 6, 4.5, 3.5, 3, 2.5, 2, 2];
const total = weights.reduce((a, b) => a + b, 0);
export const hourlyShare: readonly number[] = weights.map((w) => w / total);

/** Weekends carry this share of a weekday's traffic (the rest of the week makes up the difference). */
export const weekendFactor = 0.4;

/** The rate multiplier of one hour: its diurnal share against a flat day, times the weekday factor, normalised to a mean of 1 over a week. */
export const rateFactor = (hourOfDay: number, dayOfWeek: number): number => {
  const weekday = dayOfWeek === 0 || dayOfWeek === 6 ? weekendFactor : 1;
  const weekMean = (5 + 2 * weekendFactor) / 7;
  return (hourlyShare[hourOfDay]! * 24 * weekday) / weekMean;
};
