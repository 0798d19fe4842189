// Display texts for token fields. Pure functions of their inputs (and the clock passed in).

const DAY = 86_400_000;
const HOUR = 3_600_000;

const STATUS_LABELS = { ACTIVE: 'Active', DISABLED: 'Disabled', REVOKED: 'Revoked', EXPIRED: 'Expired' };

function plural(n, unit) {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "Expires in 12 days", "Expired" or "No expiration". */
export function expiryText(expiresAt, now = Date.now()) {
  if (!expiresAt) return 'No expiration';
  const left = Date.parse(expiresAt) - now;
  if (left <= 0) return 'Expired';
  if (left >= DAY) return `Expires in ${plural(Math.floor(left / DAY), 'day')}`;
  if (left >= HOUR) return `Expires in ${plural(Math.floor(left / HOUR), 'hour')}`;
  return 'Expires in less than an hour';
}

/** A CSS class for the expiry text: soon (within 14 days), past or none. */
export function expiryClass(expiresAt, now = Date.now()) {
  if (!expiresAt) return '';
  const left = Date.parse(expiresAt) - now;
  if (left <= 0) return 'expiry-past';
  return left < 14 * DAY ? 'expiry-soon' : '';
}

/** Local date and time as YYYY-MM-DD HH:MM, or "" for null. */
export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
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
