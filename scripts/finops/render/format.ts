/** `1234.5` → `"$1,234.50"` (USD) or `"1,234.50 EUR"`; null → `"—"`. */
export const money = (amount: number | null, currency: string): string => {
  if (amount === null) return '—';
  const text = Math.abs(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sign = amount < 0 && text !== '0.00' ? '-' : '';
  return currency === 'USD' ? `${sign}$${text}` : `${sign}${text} ${currency}`;
};

/** `0.7123` → `"71.2 %"`; null → `"—"`. */
export const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);

/** `1234567.8` → `"1,234,568"`; `12.34` with digits 1 → `"12.3"`; null → `"—"`. */
export const amount = (value: number | null, digits = 0): string =>
  value === null ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
