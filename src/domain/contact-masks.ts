// A mobile number or e-mail address as the platform shows it anywhere but to the channel that sends to
// it (logs, lists, notices, the holder's own pages): enough to tell two apart, not enough to call or
// write to anyone. Pure; one definition for the SMS and e-mail adapters, the identity use cases and the portal.

/** 010-****-5678 (the first three digits and the last four); '****' for fewer than 8 digits. */
export function maskPhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  return d.length >= 8 ? `${d.slice(0, 3)}-****-${d.slice(-4)}` : '****';
}

/** h***@example.com (the first character and the domain); '***' without a local part. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}
