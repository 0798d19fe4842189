// Display texts for token fields. Pure functions of their inputs (and the clock passed in).

const DAY = 86_400_000;
const HOUR = 3_600_000;

const STATUS_LABELS = { ACTIVE: 'Active', DISABLED: 'Disabled', REVOKED: 'Revoked', EXPIRED: 'Expired' };

function plural(n, unit) {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Milliseconds since the epoch of an ISO instant, or NaN for text JavaScript dates cannot hold. */
function millis(iso) {
  return Date.parse(iso);
}

/** "Expires in 12 days", "Expires in 3 years", "Expired" or "No expiration"; the raw date when JS cannot hold it. */
export function expiryText(expiresAt, now = Date.now()) {
  if (!expiresAt) return 'No expiration';
  const at = millis(expiresAt);
  if (Number.isNaN(at)) return `Expires ${expiresAt}`;
  const left = at - now;
  if (left <= 0) return 'Expired';
  if (left >= 730 * DAY) return `Expires in ${plural(Math.floor(left / (365.25 * DAY)), 'year')}`;
  if (left >= DAY) return `Expires in ${plural(Math.floor(left / DAY), 'day')}`;
  if (left >= HOUR) return `Expires in ${plural(Math.floor(left / HOUR), 'hour')}`;
  return 'Expires in less than an hour';
}

/** A CSS class for the expiry text: soon (within 14 days), past or none. */
export function expiryClass(expiresAt, now = Date.now()) {
  if (!expiresAt) return '';
  const left = millis(expiresAt) - now;
  if (Number.isNaN(left)) return '';
  if (left <= 0) return 'expiry-past';
  return left < 14 * DAY ? 'expiry-soon' : '';
}

/** "Unused for 45 days" (since the last use, or since creation when never used); "" under one day. */
export function unusedText(token, now = Date.now()) {
  const since = millis(token.lastUsedAt || token.createdAt);
  if (Number.isNaN(since)) return '';
  const days = Math.floor((now - since) / DAY);
  return days >= 1 ? `Unused for ${plural(days, 'day')}` : '';
}

/** Whether the token expires within the longest expiry-notice lead time (in days) and has not expired yet. */
export function expiringSoon(expiresAt, leadDays, now = Date.now()) {
  if (!expiresAt || !leadDays || leadDays.length === 0) return false;
  const left = millis(expiresAt) - now;
  return !Number.isNaN(left) && left > 0 && left <= Math.max(...leadDays) * DAY;
}

/** Local date and time as YYYY-MM-DD HH:MM, "" for null, or the ISO text itself when JS dates cannot hold it. */
export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The last-use text: the time, or "Never". */
export function lastUsedText(token) {
  return token.lastUsedAt ? dateTime(token.lastUsedAt) : 'Never';
}

/** "Active", "Disabled", "Revoked", "Expired". */
export function statusLabel(status) {
  return STATUS_LABELS[status] || status;
}

/** Audit event types as words: "AUTHENTICATION_FAILED" -> "Authentication failed". */
export function eventLabel(type) {
  const words = type.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
